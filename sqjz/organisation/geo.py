"""Yuxi's county boundaries, and where a position fix lies relative to a county or any other area.

A phone's fix is a point with an accuracy: the true position lies (probably) within `accuracy_m` metres of it.
A fix is *inside* an area only if its whole error circle is, *outside* only if its whole circle is, and
*uncertain* when the circle crosses the boundary (issue 13: "the whole error circle must be outside the area"
before a check-in outside the county is refused or an electronic-monitoring fix raises an alert).

Geometry is computed in metres on a local equirectangular projection centred on Yuxi (see `to_metres`), so an
accuracy is a plain buffer distance. Boundaries come from `data/yuxi_counties.geojson` (its README says where from
and how precise: within a few hundred metres), read once per process. No database, no network.
"""

import json
import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import shapely
from django.db import models
from numpy.typing import ArrayLike, NDArray
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

BOUNDARIES = Path(__file__).resolve().parent / "data" / "yuxi_counties.geojson"

# The projection's origin: the middle of Yuxi (红塔区, the city seat).
ORIGIN_LATITUDE = 24.35
ORIGIN_LONGITUDE = 102.54
# WGS-84's radii of curvature at the origin's latitude, as metres per degree.
_A, _E2 = 6_378_137.0, 6.69437999014e-3
_SIN = math.sin(math.radians(ORIGIN_LATITUDE))
METRES_PER_DEGREE_LATITUDE = math.radians(1) * _A * (1 - _E2) / (1 - _E2 * _SIN**2) ** 1.5
METRES_PER_DEGREE_LONGITUDE = (
    math.radians(1) * _A * math.cos(math.radians(ORIGIN_LATITUDE)) / math.sqrt(1 - _E2 * _SIN**2)
)


class Placement(models.TextChoices):
    """Where a fix's error circle lies relative to an area."""

    INSIDE = "inside", "在区域内"
    OUTSIDE = "outside", "在区域外"
    UNCERTAIN = "uncertain", "无法确定（定位误差范围跨越边界）"


def to_metres(latitudes: ArrayLike, longitudes: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Project WGS-84 degrees to metres east and north of Yuxi's centre (equirectangular, scale true at 24.35°N).

    Accurate enough here: Yuxi spans 23.3°–25.0°N, so the east–west scale is off by at most cos(23.3°)/cos(24.35°)
    - 1 = 0.8% (north–south by under 0.01%). An error circle of 1,000 m is then drawn at most 8 m too wide or
    narrow, against boundaries only good to a few hundred metres (1/1024-degree grid, simplified) and phone
    accuracies of tens to hundreds of metres. A position farther away (e.g. Kunming) is judged just as
    correctly as "outside"; only its distances are a little off.
    """
    latitudes = np.asarray(latitudes, dtype=float)
    longitudes = np.asarray(longitudes, dtype=float)
    x = (longitudes - ORIGIN_LONGITUDE) * METRES_PER_DEGREE_LONGITUDE
    y = (latitudes - ORIGIN_LATITUDE) * METRES_PER_DEGREE_LATITUDE
    return x, y


def _project(coordinates: NDArray[np.float64]) -> NDArray[np.float64]:
    """shapely.transform's callback: (n, 2) [longitude, latitude] to (n, 2) [x, y] metres."""
    x, y = to_metres(coordinates[:, 1], coordinates[:, 0])
    return np.column_stack([x, y])


@cache
def county_boundaries_geojson() -> str:
    """The county boundaries as GeoJSON text (a FeatureCollection; each feature has `code` and `name`).

    For a map page: ECharts' `registerMap(name, geoJson)` takes it as it is.
    """
    return BOUNDARIES.read_text(encoding="utf-8")


@cache
def county_boundaries() -> Mapping[str, BaseGeometry]:
    """Each county's area in [longitude, latitude] degrees, by its division code (GB/T 2260, e.g. "530402")."""
    collection = json.loads(county_boundaries_geojson())
    areas = {feature["properties"]["code"]: shape(feature["geometry"]) for feature in collection["features"]}
    for area in areas.values():
        shapely.prepare(area)
    return MappingProxyType(dict(sorted(areas.items())))


@cache
def _county_in_metres(code: str) -> tuple[BaseGeometry, BaseGeometry]:
    try:
        area = county_boundaries()[code]
    except KeyError:
        raise KeyError(f"no boundary for division {code!r}") from None
    return _in_metres(area)


def _in_metres(area: BaseGeometry) -> tuple[BaseGeometry, BaseGeometry]:
    """An area in degrees as its area and boundary in metres, prepared for many queries."""
    area_m = shapely.transform(area, _project)
    boundary_m = area_m.boundary
    shapely.prepare(area_m)
    shapely.prepare(boundary_m)
    return area_m, boundary_m


def county_at(latitude: float, longitude: float) -> str | None:
    """The code of the county the point lies in (a point on a shared border: the lower code), or None."""
    for code, area in county_boundaries().items():
        if shapely.intersects_xy(area, longitude, latitude):
            return code
    return None


def distance_to_county_m(code: str, latitude: float, longitude: float) -> float:
    """How far (metres) a point lies outside the county `code`: 0 inside it. Far from Yuxi only roughly (the
    projection is Yuxi's), which is enough to say "about 80 km"."""
    area_m, _ = _county_in_metres(code)
    x, y = to_metres([latitude], [longitude])
    return float(shapely.distance(area_m, shapely.points(x[0], y[0])))


def _fixes(
    latitudes: ArrayLike, longitudes: ArrayLike, accuracies_m: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    lat, lon, accuracy = np.broadcast_arrays(
        np.asarray(latitudes, dtype=float), np.asarray(longitudes, dtype=float), np.asarray(accuracies_m, dtype=float)
    )
    if lat.ndim != 1:
        raise ValueError("fixes must be one-dimensional sequences of equal length")
    if not (np.isfinite(lat).all() and np.isfinite(lon).all()):
        raise ValueError("a latitude or longitude is missing or not a number")
    if (np.abs(lat) > 90).any() or (np.abs(lon) > 180).any():
        raise ValueError("a latitude or longitude is out of range")
    if not (np.isfinite(accuracy).all() and (accuracy >= 0).all()):
        raise ValueError("an accuracy is missing, negative or not a number")
    return lat, lon, accuracy


def _placements(
    area_m: BaseGeometry,
    boundary_m: BaseGeometry,
    latitudes: NDArray[np.float64],
    longitudes: NDArray[np.float64],
    accuracies_m: NDArray[np.float64],
) -> list[Placement]:
    x, y = to_metres(latitudes, longitudes)
    centre_inside = shapely.intersects_xy(area_m, x, y)
    # The circle crosses (or touches) the boundary exactly when its centre is within its radius of it.
    crosses = shapely.dwithin(boundary_m, shapely.points(x, y), accuracies_m)
    inside, outside, uncertain = Placement.INSIDE, Placement.OUTSIDE, Placement.UNCERTAIN
    return [uncertain if c else (inside if i else outside) for c, i in zip(crosses, centre_inside, strict=True)]


def positions_in_county(
    code: str, latitudes: ArrayLike, longitudes: ArrayLike, accuracies_m: ArrayLike
) -> list[Placement]:
    """Where each fix lies relative to the county `code`, in the order given; vectorised for batches of fixes.

    `latitudes`, `longitudes` (WGS-84 degrees) and `accuracies_m` (the radius in metres, 0 for an exact point)
    are equal-length sequences or arrays; a single accuracy applies to all. A circle that only touches the
    boundary counts as uncertain. Raises KeyError for a code without a boundary, ValueError for bad input.
    """
    lat, lon, accuracy = _fixes(latitudes, longitudes, accuracies_m)
    area_m, boundary_m = _county_in_metres(code)
    return _placements(area_m, boundary_m, lat, lon, accuracy)


def position_in_county(code: str, latitude: float, longitude: float, accuracy_m: float) -> Placement:
    """Where one fix lies relative to the county `code`: see positions_in_county."""
    return positions_in_county(code, [latitude], [longitude], [accuracy_m])[0]


def positions_in_area(
    area: BaseGeometry, latitudes: ArrayLike, longitudes: ArrayLike, accuracies_m: ArrayLike
) -> list[Placement]:
    """Like positions_in_county for any (Multi)Polygon in [longitude, latitude] degrees near Yuxi, e.g. a geofence.

    Projects the area on every call; cheap for a geofence of a few hundred points.
    """
    lat, lon, accuracy = _fixes(latitudes, longitudes, accuracies_m)
    area_m, boundary_m = _in_metres(area)
    return _placements(area_m, boundary_m, lat, lon, accuracy)


@cache
def _counties_in_metres(codes: tuple[str, ...]) -> tuple[BaseGeometry, BaseGeometry]:
    boundaries = county_boundaries()
    missing = [code for code in codes if code not in boundaries]
    if missing or not codes:
        raise KeyError(f"no boundary for division {missing[0] if missing else ''!r}")
    return _in_metres(shapely.union_all([boundaries[code] for code in codes]))


def positions_in_counties(
    codes: tuple[str, ...], latitudes: ArrayLike, longitudes: ArrayLike, accuracies_m: ArrayLike
) -> list[Placement]:
    """Like positions_in_county for the union of several counties (e.g. HOME_AREA's districts of one city): a
    circle across the border between two of them is inside the union. The union is built once per process."""
    lat, lon, accuracy = _fixes(latitudes, longitudes, accuracies_m)
    area_m, boundary_m = _counties_in_metres(tuple(codes))
    return _placements(area_m, boundary_m, lat, lon, accuracy)


def distances_from_counties(codes: tuple[str, ...], latitudes: ArrayLike, longitudes: ArrayLike) -> NDArray:
    """Metres from each point to the union of the counties `codes` (0 for a point inside); vectorised."""
    lat, lon, _ = _fixes(latitudes, longitudes, 0)
    area_m, _boundary = _counties_in_metres(tuple(codes))
    x, y = to_metres(lat, lon)
    return shapely.distance(area_m, shapely.points(x, y))


def circles_in_area(
    area: BaseGeometry, latitudes: ArrayLike, longitudes: ArrayLike, accuracies_m: ArrayLike
) -> tuple[NDArray, NDArray]:
    """For each fix against an area in [longitude, latitude] degrees (e.g. an exclusion zone): whether its centre
    lies in the area, and for a fix whose centre does, the share (0–1) of its error circle inside the area (1 for an
    exact point; 0 for every fix whose centre is outside, whose circle is not measured). Vectorised."""
    lat, lon, accuracy = _fixes(latitudes, longitudes, accuracies_m)
    area_m, _boundary = _in_metres(area)
    x, y = to_metres(lat, lon)
    centre_inside = shapely.intersects_xy(area_m, x, y)
    share = centre_inside.astype(float)
    fuzzy = centre_inside & (accuracy > 0)
    if fuzzy.any():
        discs = shapely.buffer(shapely.points(x[fuzzy], y[fuzzy]), accuracy[fuzzy], quad_segs=8)
        share[fuzzy] = shapely.area(shapely.intersection(discs, area_m)) / shapely.area(discs)
    return centre_inside, share


def circle(latitude: float, longitude: float, radius_m: float, sides: int = 36) -> BaseGeometry:
    """A circle of `radius_m` metres around a point as a polygon in [longitude, latitude] degrees (e.g. an exclusion
    zone given as a point and a radius, or a fix's error circle drawn on a map)."""
    if not radius_m > 0:
        raise ValueError("the radius must be positive")
    angles = np.linspace(0, 2 * math.pi, sides, endpoint=False)
    lon = longitude + radius_m * np.cos(angles) / (
        METRES_PER_DEGREE_LONGITUDE * math.cos(math.radians(latitude)) / math.cos(math.radians(ORIGIN_LATITUDE))
    )
    lat = latitude + radius_m * np.sin(angles) / METRES_PER_DEGREE_LATITUDE
    return shapely.Polygon(np.column_stack([lon, lat]))


class MapLayer:
    """One layer of a map page (static/sqjz/map.js): points, lines (tracks) or polygons (zones), with its legend
    name and colour. Coordinates are [longitude, latitude] in degrees, rounded to about a metre."""

    def __init__(self, name: str, kind: str, color: str) -> None:
        if kind not in ("points", "lines", "polygons"):
            raise ValueError(kind)
        self.name, self.kind, self.color = name, kind, color
        self.data: list[dict] = []

    def point(self, label: str, latitude: float, longitude: float) -> None:
        self.data.append({"name": label, "value": [round(longitude, 5), round(latitude, 5)]})

    def line(self, label: str, positions: list[tuple[float, float]]) -> None:
        """positions: (latitude, longitude) pairs in order."""
        self.data.append({"name": label, "coords": [[round(lon, 5), round(lat, 5)] for lat, lon in positions]})

    def polygon(self, label: str, area: BaseGeometry) -> None:
        for part in getattr(area, "geoms", [area]):
            coords = [[round(lon, 5), round(lat, 5)] for lon, lat in part.exterior.coords]
            self.data.append({"name": label, "coords": coords})

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "color": self.color, "data": self.data}


def map_config(layers: list[MapLayer], focus: str = "") -> dict:
    """What a map page passes to static/sqjz/map.js with json_script: the county to outline (its name, e.g. "红塔区",
    or "") and the layers that have something to show."""
    return {"focus": focus, "layers": [layer.as_dict() for layer in layers if layer.data]}
