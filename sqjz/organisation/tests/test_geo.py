"""County boundaries and error circles: real places fall in the right county, and a fix is inside or outside only
when its whole error circle is."""

import csv
import json
import math
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from sqjz.organisation import geo
from sqjz.organisation.geo import Placement

HONGTA, JIANGCHUAN, CHENGJIANG, XINPING = "530402", "530403", "530481", "530427"
CENTRAL_HONGTA = (24.354, 102.543)  # 玉溪 city centre, 红塔区
JIANGCHUAN_TOWN = (24.29, 102.75)  # 江川区's seat, by 星云湖
KUNMING = (25.04, 102.71)
# Found by sampling and fixed here; the first test below checks their distances to the 红塔区/江川区 border.
NEAR_BORDER_INSIDE_HONGTA = (24.3391, 102.6187)  # about 300 m inside 红塔区
NEAR_BORDER_IN_JIANGCHUAN = (24.3607, 102.6452)  # about 305 m outside 红塔区, in 江川区
ALL = [Placement.INSIDE, Placement.OUTSIDE, Placement.UNCERTAIN]


def _yuxi_county_codes() -> dict[str, str]:
    path = Path(geo.__file__).parent / "data" / "yuxi_divisions.csv"
    with open(path, encoding="utf-8") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f) if row["level"] == "county"}


def _area_km2(area) -> float:
    return shapely.transform(area, geo._project).area / 1e6


def _haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dlat, dlon = map(math.radians, (lat1, lat2, lat2 - lat1, lon2 - lon1))
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def _random_fixes(seed: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fixes scattered over Yuxi and a little beyond, with accuracies from exact to 3 km."""
    rng = np.random.default_rng(seed)
    return rng.uniform(23.2, 25.1, n), rng.uniform(101.2, 103.3, n), rng.choice([0, 10, 150, 1_000, 3_000], n)


# The data


def test_the_boundaries_are_yuxis_nine_counties_with_their_division_codes():
    codes = _yuxi_county_codes()
    collection = json.loads(geo.county_boundaries_geojson())
    by_code = {f["properties"]["code"]: f["properties"]["name"] for f in collection["features"]}
    assert by_code == codes
    assert by_code[CHENGJIANG] == "澄江市"
    assert list(geo.county_boundaries()) == sorted(codes)


def test_every_boundary_is_a_valid_polygon_and_together_they_cover_yuxis_area_without_overlap_or_gap():
    areas = geo.county_boundaries()
    for code, area in areas.items():
        assert area.is_valid, code
        assert area.geom_type in {"Polygon", "MultiPolygon"}, code
    sizes = {code: _area_km2(area) for code, area in areas.items()}
    assert 14_000 < sum(sizes.values()) < 16_000  # Yuxi: about 15,000 km²
    assert max(sizes, key=sizes.get) == XINPING  # 新平, about 4,200 km², the largest
    assert 850 < sizes[HONGTA] < 1_050  # 红塔区: about 950 km²
    for (a, area_a), (b, area_b) in combinations(areas.items(), 2):
        assert _area_km2(area_a.intersection(area_b)) < 0.01, (a, b)
    whole = shapely.union_all(list(areas.values()))
    assert all(len(part.interiors) == 0 for part in getattr(whole, "geoms", [whole]))


def test_hongtas_middle_is_near_the_city_seat():
    centre = geo.county_boundaries()[HONGTA].centroid
    assert _haversine_m(centre.y, centre.x, 24.35, 102.54) < 10_000


# Which county


def test_real_places_fall_in_their_county():
    assert geo.county_at(*CENTRAL_HONGTA) == HONGTA
    assert geo.county_at(*JIANGCHUAN_TOWN) == JIANGCHUAN
    assert geo.county_at(24.67, 102.92) == CHENGJIANG  # 澄江's town
    assert geo.county_at(*KUNMING) is None
    assert geo.county_at(39.9, 116.4) is None  # Beijing


def test_a_fix_well_inside_its_county_is_inside_it_and_outside_the_others():
    assert geo.position_in_county(HONGTA, *CENTRAL_HONGTA, 50) == Placement.INSIDE
    assert geo.position_in_county(JIANGCHUAN, *CENTRAL_HONGTA, 50) == Placement.OUTSIDE
    assert geo.position_in_county(JIANGCHUAN, *JIANGCHUAN_TOWN, 50) == Placement.INSIDE
    assert geo.position_in_county(HONGTA, *JIANGCHUAN_TOWN, 50) == Placement.OUTSIDE


def test_kunming_is_outside_every_county_even_with_a_poor_fix():
    for code in geo.county_boundaries():
        assert geo.position_in_county(code, *KUNMING, 5_000) == Placement.OUTSIDE


def test_near_the_border_the_fixs_accuracy_decides():
    _area_m, border_m = geo._county_in_metres(HONGTA)
    for point in (NEAR_BORDER_INSIDE_HONGTA, NEAR_BORDER_IN_JIANGCHUAN):
        assert 250 < border_m.distance(shapely.Point(*geo.to_metres(*point))) < 350
    assert geo.position_in_county(HONGTA, *NEAR_BORDER_INSIDE_HONGTA, 100) == Placement.INSIDE
    assert geo.position_in_county(HONGTA, *NEAR_BORDER_INSIDE_HONGTA, 1_000) == Placement.UNCERTAIN
    assert geo.position_in_county(HONGTA, *NEAR_BORDER_IN_JIANGCHUAN, 100) == Placement.OUTSIDE
    assert geo.position_in_county(HONGTA, *NEAR_BORDER_IN_JIANGCHUAN, 1_000) == Placement.UNCERTAIN
    assert geo.position_in_county(JIANGCHUAN, *NEAR_BORDER_IN_JIANGCHUAN, 100) == Placement.INSIDE


def test_an_exact_fix_is_inside_or_outside_by_its_point_alone():
    assert geo.position_in_county(HONGTA, *NEAR_BORDER_INSIDE_HONGTA, 0) == Placement.INSIDE
    assert geo.position_in_county(HONGTA, *NEAR_BORDER_IN_JIANGCHUAN, 0) == Placement.OUTSIDE


# The circle, the projection and the batch


def test_placements_follow_the_definition_by_error_circles():
    """Against the rule itself: the whole circle (drawn as a 256-gon) inside, disjoint, or neither."""
    latitudes, longitudes, accuracies = _random_fixes(seed=13, n=400)
    for code in (HONGTA, XINPING):
        area_m, border_m = geo._county_in_metres(code)
        placements = geo.positions_in_county(code, latitudes, longitudes, accuracies)
        checked = 0
        for lat, lon, r, placement in zip(latitudes, longitudes, accuracies, placements, strict=True):
            centre = shapely.Point(*geo.to_metres(lat, lon))
            if abs(border_m.distance(centre) - r) < 0.01 * r + 1:
                continue  # where a polygon and a circle differ
            circle = centre.buffer(r, quad_segs=64) if r else centre
            expected = (
                Placement.INSIDE
                if area_m.contains(circle)
                else Placement.OUTSIDE
                if area_m.disjoint(circle)
                else Placement.UNCERTAIN
            )
            assert placement == expected, (code, lat, lon, r)
            checked += 1
        assert checked > 350
        assert set(placements) == set(ALL)


def test_the_projection_measures_distances_within_one_percent_across_yuxi():
    pairs = [
        (CENTRAL_HONGTA, JIANGCHUAN_TOWN),
        ((23.35, 101.7), (23.36, 101.71)),  # 元江's south: the projection's worst latitude
        ((24.9, 102.1), (24.9, 102.11)),  # 易门's north
        ((23.6, 102.0), (24.6, 102.9)),
    ]
    for (lat1, lon1), (lat2, lon2) in pairs:
        x, y = geo.to_metres([lat1, lat2], [lon1, lon2])
        projected = math.hypot(x[1] - x[0], y[1] - y[0])
        assert projected == pytest.approx(_haversine_m(lat1, lon1, lat2, lon2), rel=0.01)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from([HONGTA, JIANGCHUAN, XINPING]),
    st.lists(
        st.tuples(
            st.floats(23.2, 25.1), st.floats(101.2, 103.3), st.sampled_from([0.0, 50.0, 300.0, 2_000.0, 20_000.0])
        ),
        min_size=1,
        max_size=30,
    ),
)
def test_a_batch_gives_each_fix_what_it_gets_alone(code, fixes):
    latitudes, longitudes, accuracies = zip(*fixes, strict=True)
    batch = geo.positions_in_county(code, latitudes, longitudes, accuracies)
    assert batch == [geo.position_in_county(code, *fix) for fix in fixes]


def test_a_large_batch_agrees_with_one_fix_at_a_time_and_with_county_at():
    latitudes, longitudes, accuracies = _random_fixes(seed=2026, n=2_000)
    batch = geo.positions_in_county(JIANGCHUAN, latitudes, longitudes, accuracies)
    one_by_one = [
        geo.position_in_county(JIANGCHUAN, *fix) for fix in zip(latitudes, longitudes, accuracies, strict=True)
    ]
    assert batch == one_by_one
    assert set(batch) == set(ALL)
    exact = geo.positions_in_county(JIANGCHUAN, latitudes, longitudes, 0)
    in_county = [geo.county_at(lat, lon) == JIANGCHUAN for lat, lon in zip(latitudes, longitudes, strict=True)]
    assert [p == Placement.INSIDE for p in exact] == in_county


def test_any_area_such_as_a_geofence_works_the_same_way():
    lat, lon = CENTRAL_HONGTA
    half_km_lat, half_km_lon = 500 / geo.METRES_PER_DEGREE_LATITUDE, 500 / geo.METRES_PER_DEGREE_LONGITUDE
    square = shapely.box(lon - half_km_lon, lat - half_km_lat, lon + half_km_lon, lat + half_km_lat)
    placements = geo.positions_in_area(square, [lat, lat, lat + 0.02], [lon, lon, lon], [100, 600, 100])
    assert placements == [Placement.INSIDE, Placement.UNCERTAIN, Placement.OUTSIDE]
    assert shape(json.loads(shapely.to_geojson(square))).equals(square)


# Bad input


@pytest.mark.parametrize(
    ("latitudes", "longitudes", "accuracies"),
    [
        ([24.3], [102.5], [-1]),
        ([24.3], [102.5], [math.nan]),
        ([math.nan], [102.5], [10]),
        ([24.3, 24.4], [102.5, 102.6, 102.7], [10]),
        ([124.3], [102.5], [10]),
        ([[24.3]], [[102.5]], [[10]]),
    ],
)
def test_bad_fixes_are_refused(latitudes, longitudes, accuracies):
    with pytest.raises(ValueError):
        geo.positions_in_county(HONGTA, latitudes, longitudes, accuracies)


def test_a_division_without_a_boundary_is_refused():
    with pytest.raises(KeyError, match="530400"):
        geo.position_in_county("530400", *CENTRAL_HONGTA, 10)


def test_circle_has_its_radius_in_metres_and_rejects_no_radius():
    zone = geo.circle(24.35, 102.54, 1000)
    assert geo.positions_in_area(zone, [24.35, 24.35 + 0.0085, 24.35 + 0.0095], [102.54] * 3, [0, 0, 0]) == [
        geo.Placement.INSIDE,
        geo.Placement.INSIDE,  # 0.0085° north is about 940 m
        geo.Placement.OUTSIDE,  # 0.0095° north is about 1,050 m
    ]
    with pytest.raises(ValueError):
        geo.circle(24.35, 102.54, 0)


def test_map_config_keeps_layers_with_data_in_longitude_latitude_order():
    points = geo.MapLayer("签到位置", "points", "#1f5f9e")
    points.point("11月30日 08:00", 24.351234567, 102.541234567)
    track = geo.MapLayer("轨迹", "lines", "#333")
    zones = geo.MapLayer("禁入区域", "polygons", "#c00")
    zones.polygon("某小学", geo.circle(24.35, 102.54, 200, sides=8))
    config = geo.map_config([points, track, zones], focus="红塔区")
    assert config["focus"] == "红塔区"
    assert [layer["name"] for layer in config["layers"]] == ["签到位置", "禁入区域"]
    assert config["layers"][0]["data"] == [{"name": "11月30日 08:00", "value": [102.54123, 24.35123]}]
    assert len(config["layers"][1]["data"][0]["coords"]) == 9  # closed ring
    with pytest.raises(ValueError):
        geo.MapLayer("x", "heatmap", "#000")


def test_distance_outside_a_county_is_zero_inside_and_grows_outside():
    assert geo.distance_to_county_m("530402", 24.351234, 102.541234) == 0  # 红塔区's centre
    kunming = geo.distance_to_county_m("530402", 25.04, 102.71)
    assert 50_000 < kunming < 65_000  # 昆明 is some 57 km beyond 红塔区's northern edge
    assert geo.distance_to_county_m("530402", 25.10, 102.71) > kunming
