"""Photos people take with the system (a report-in photo, a check-in selfie): checked to be real JPEG or PNG
images and stored under DATA_DIR, never in the database."""

import hashlib
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from PIL import Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024


class PhotoError(ValueError):
    """The upload is not a photo the system accepts; the message is for the user."""


def photo_extension(photo: bytes) -> str:
    """The file extension of a real JPEG or PNG image, or PhotoError."""
    if not photo:
        raise PhotoError("请拍摄或选择照片。")
    if len(photo) > MAX_PHOTO_BYTES:
        raise PhotoError("照片不能超过5MB，请压缩后重新上传。")
    try:
        with Image.open(BytesIO(photo)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise PhotoError("照片文件无法识别，请上传JPG或PNG格式的照片。") from None
    if kind not in ("JPEG", "PNG"):
        raise PhotoError("照片须为JPG或PNG格式。")
    return "jpg" if kind == "JPEG" else "png"


def photo_path(relative: str) -> Path:
    return Path(settings.DATA_DIR) / relative


def photo_store(relative: str, photo: bytes) -> str:
    """Write the photo under DATA_DIR; returns its SHA-256."""
    path = photo_path(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(photo)
    return hashlib.sha256(photo).hexdigest()


def photo_file_response(relative: str) -> FileResponse:
    """The stored photo as a response (404 when there is none); the caller has checked access and logged it."""
    path = photo_path(relative) if relative else None
    if path is None or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png" if relative.endswith(".png") else "image/jpeg")
