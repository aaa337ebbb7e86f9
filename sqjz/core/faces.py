"""Faces in photos, by a face-recognition model that runs offline on the CPU: dlib's HOG face detector, its
5-point landmarks and its ResNet descriptor (128 numbers per face), with the weights the PyPI package
face-recognition-models ships. Two photos of the same person give descriptors about 0.1–0.4 apart (Euclidean);
different people about 0.6 and more (the model's authors report 99.38 % on Labeled Faces in the Wild at 0.6).

About 0.1–0.2 s of one core per photo: run it in a task, never in a request."""

import importlib.util
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import dlib
import numpy as np
from PIL import Image, ImageOps

# Photos are shrunk to this longest side before detection: a selfie's face is large, and HOG's cost grows with the
# pixel count (a 12-megapixel photo took seconds).
MAX_SIDE = 800
# Detection runs on the photo as it is (faces from about 80 pixels wide), and only when it finds none on the photo
# upsampled once (from about 40 pixels). A detection counts as a face from this HOG score: real faces in the test
# photos score 1.3–2.2, the shoulder patch and the flag of the astronaut photo 0.02–0.14 (dlib's own cut is 0).
MIN_SCORE = 0.5
MODEL = f"dlib {dlib.__version__} hog+5pt+resnet_v1"


@dataclass(frozen=True)
class Faces:
    """The faces found in one photo: how many, and the descriptor of each (largest face first)."""

    descriptors: tuple[np.ndarray, ...]

    @property
    def count(self) -> int:
        return len(self.descriptors)


def faces_find(photo: bytes) -> Faces:
    """The faces in a JPEG or PNG photo (already checked by core.photos). Raises OSError when it cannot be decoded."""
    detector, predictor, encoder = _models()
    pixels = _pixels(photo)
    found = _detected(detector, pixels, 0) or _detected(detector, pixels, 1)
    return Faces(
        tuple(
            np.array(encoder.compute_face_descriptor(pixels, predictor(pixels, box)), dtype=np.float32) for box in found
        )
    )


def _detected(detector, pixels: np.ndarray, upsample: int) -> list:
    """The boxes of the faces HOG finds, largest first."""
    boxes, scores, _ = detector.run(pixels, upsample, 0)
    return sorted(
        (b for b, score in zip(boxes, scores, strict=True) if score >= MIN_SCORE), key=lambda b: b.area(), reverse=True
    )


def face_distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a.astype(np.float64) - b.astype(np.float64)))


def descriptor_bytes(descriptor: np.ndarray) -> bytes:
    return descriptor.astype("<f4").tobytes()


def descriptor_from(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f4")


def _pixels(photo: bytes) -> np.ndarray:
    with Image.open(BytesIO(photo)) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        return np.ascontiguousarray(np.asarray(image, dtype=np.uint8))


@cache
def _models():
    """Loaded once per process (about 0.3 s; 100 MB of weights on disk, of which these three use 30 MB)."""
    spec = importlib.util.find_spec("face_recognition_models")  # not imported: its __init__ needs pkg_resources
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("face-recognition-models is not installed (requirements.txt)")
    models = Path(spec.submodule_search_locations[0]) / "models"
    return (
        dlib.get_frontal_face_detector(),
        dlib.shape_predictor(str(models / "shape_predictor_5_face_landmarks.dat")),
        dlib.face_recognition_model_v1(str(models / "dlib_face_recognition_resnet_model_v1.dat")),
    )
