"""Photos people take with the system (a report-in photo, a check-in selfie): checked to be real JPEG or PNG
images and stored under DATA_DIR, never in the database."""

import hashlib
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# A phone's main camera takes at most about 50 megapixels; more is no photo but an image made to exhaust memory
# (a 48 KB PNG can declare 20000×20000 pixels). Checked from the header, before any pixel is decoded.
MAX_PHOTO_PIXELS = 50_000_000
JPEG_QUALITY = 85


class PhotoError(ValueError):
    """The upload is not a photo the system accepts; the message is for the user."""


def photo_check(photo: bytes) -> str:
    """The checks that need no pixel decoded: the size, the format and the pixel count from the header. Returns
    "JPEG" or "PNG", or PhotoError. Cheap enough for a request; the bytes may still fail to decode (photo_accept)."""
    if not photo:
        raise PhotoError("请拍摄或选择照片。")
    if len(photo) > MAX_PHOTO_BYTES:
        raise PhotoError("照片不能超过5MB，请压缩后重新上传。")
    with _opened(photo) as image:  # Image.open reads the header only
        kind = image.format
        if kind not in ("JPEG", "PNG"):
            raise PhotoError("照片须为JPG或PNG格式。")
        width, height = image.size
        if width * height > MAX_PHOTO_PIXELS:
            raise PhotoError(
                f"照片像素过大（{width}×{height}），不能超过{MAX_PHOTO_PIXELS // 10_000}万像素，"
                "请用手机相机重新拍摄或缩小后上传。"
            )
    return kind


def photo_accept(photo: bytes) -> tuple[bytes, str]:
    """Check an uploaded photo (photo_check), decode it and re-encode it: the bytes to store and their extension,
    or PhotoError (also when the header is fine but the pixels cannot be decoded).

    The stored photo keeps only its pixels: EXIF (the GPS position, the phone's make and model, the time), XMP,
    ICC and PNG text chunks are dropped. The EXIF orientation is applied first, so the picture stays upright.
    A JPEG stays a JPEG (quality 85), a PNG stays a PNG (lossless; screenshots of documents stay sharp)."""
    kind = photo_check(photo)
    # A truncated upload is refused, never padded: weasyprint sets this global to True when it is imported (to render
    # broken images in documents), which made a worker that had rendered a PDF accept half a photo.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with _opened(photo) as image:
        image.load()
        upright = ImageOps.exif_transpose(image)
    # Only the pixels go on: no EXIF, XMP, ICC profile or text chunk is copied from the upload.
    upright.info = {k: v for k, v in upright.info.items() if k == "transparency"}
    out = BytesIO()
    if kind == "JPEG":
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return out.getvalue(), "jpg"
    upright.save(out, "PNG", optimize=True)
    return out.getvalue(), "png"


@contextmanager
def _opened(photo: bytes) -> Iterator[Image.Image]:
    """The image, with Pillow's failures turned into the user's PhotoError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(photo)) as image:
                yield image
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(f"照片像素过大，不能超过{MAX_PHOTO_PIXELS // 10_000}万像素，请缩小后上传。") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoError("照片文件无法识别，请上传JPG或PNG格式的照片。") from None


def photo_path(relative: str) -> Path:
    return Path(settings.DATA_DIR) / relative


# Uploads kept as they came until a task has checked and re-encoded them (decision 0024): under DATA_DIR, outside
# every path a stored photo has, and never served (photo_file_response refuses them).
QUARANTINE = "quarantine"


def quarantine_path(name: str) -> Path:
    return Path(settings.DATA_DIR) / QUARANTINE / name


def photo_store(relative: str, photo: bytes) -> str:
    """Write the photo under DATA_DIR; returns its SHA-256."""
    path = photo_path(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(photo)
    return hashlib.sha256(photo).hexdigest()


def photo_file_response(relative: str) -> FileResponse:
    """The stored photo as a response (404 when there is none); the caller has checked access and logged it."""
    path = photo_path(relative) if relative and not relative.startswith(QUARANTINE) else None
    if path is None or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png" if relative.endswith(".png") else "image/jpeg")
