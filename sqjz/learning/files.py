"""A course's file (a PDF or an MP4 video): checked by content, stored under DATA_DIR/learning by a random name, and
served only through a view that checks access (decision 0040). No PDF library or video tool is on the server, so the
files are checked, not re-encoded."""

import secrets
import struct
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404

MB = 1024 * 1024
# Both stay under the request limit (SQJZ_MAX_REQUEST_MB, 8 MB by default), which refuses larger uploads first.
MAX_PDF_BYTES = 5 * MB
MAX_VIDEO_BYTES = 7 * MB
FOLDER = "learning"
CONTENT_TYPES = {"pdf": "application/pdf", "mp4": "video/mp4"}
# Top-level boxes an MP4 file may hold (ISO/IEC 14496-12 and 14496-14); anything else is not a video we accept.
MP4_BOXES = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"meta", b"moof", b"mfra", b"styp"}
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash", b"mmp4"}


class CourseFileError(ValueError):
    """The upload is not a file the system accepts; the message is for the user."""


def pdf_check(data: bytes) -> None:
    if not data:
        raise CourseFileError("请选择PDF文件。")
    if len(data) > MAX_PDF_BYTES:
        raise CourseFileError(f"PDF文件不能超过{MAX_PDF_BYTES // MB}MB。")
    if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        raise CourseFileError("文件不是完整的PDF文件，请重新导出后上传。")


def mp4_boxes(data: bytes) -> list[bytes]:
    """The types of the file's top-level boxes, in order; CourseFileError where a box's size runs past the end or
    is too small to be a box."""
    boxes, at, end = [], 0, len(data)
    while at < end:
        if end - at < 8:
            raise CourseFileError("视频文件不完整，请重新导出后上传。")
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        header = 8
        if size == 1:  # a 64-bit size follows the type
            if end - at < 16:
                raise CourseFileError("视频文件不完整，请重新导出后上传。")
            size, header = struct.unpack(">Q", data[at + 8 : at + 16])[0], 16
        elif size == 0:  # the box runs to the end of the file
            size = end - at
        if size < header or at + size > end:
            raise CourseFileError("视频文件不完整，请重新导出后上传。")
        boxes.append(kind)
        at += size
    return boxes


def mp4_check(data: bytes) -> None:
    if not data:
        raise CourseFileError("请选择MP4视频文件。")
    if len(data) > MAX_VIDEO_BYTES:
        raise CourseFileError(f"视频文件不能超过{MAX_VIDEO_BYTES // MB}MB，请压缩后上传。")
    boxes = mp4_boxes(data)
    if not boxes or boxes[0] != b"ftyp" or data[8:12] not in MP4_BRANDS:
        raise CourseFileError("文件不是MP4视频，请转换为MP4格式后上传。")
    if b"moov" not in boxes or any(b not in MP4_BOXES for b in boxes):
        raise CourseFileError("视频文件不完整或不是MP4视频，请重新导出后上传。")


def course_file_store(data: bytes, extension: str) -> str:
    """Write the checked bytes under DATA_DIR by a random name; returns the name."""
    name = f"{secrets.token_hex(16)}.{extension}"
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return name


def _path(name: str) -> Path:
    return Path(settings.DATA_DIR) / FOLDER / name


def course_file_response(name: str) -> FileResponse:
    """The stored file, to be shown in the page (the caller has checked access)."""
    extension = name.rpartition(".")[2]
    path = _path(name) if name and extension in CONTENT_TYPES else None
    if path is None or not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'inline; filename="course.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
