"""Refresh the bundled price catalog from a pinned release of pydantic's genai-prices (MIT).

    python tools/refresh_prices.py [--version X] [--date YYYY-MM-DD] [--wheel FILE]

Downloads the genai-prices wheel from PyPI with pip (no dependencies) and writes
resources/prices/genai-prices.json and the licence beside it. Tally never imports genai-prices:
the app reads that JSON file. The same version and date give the same file, byte for byte, with
one model a line so that a refresh reads well as a diff.

The wheel's `genai_prices/data.py` is a literal tree of constructor calls (`Provider(...)`,
`ModelInfo(...)`, `Decimal('3')`). It is read with `ast`, not imported: importing it pulls in
genai-prices' own dependencies (pydantic, typing_extensions, httpx2) and would run code fetched
from the network. The tree becomes objects with the attribute names of genai-prices' types, so
`convert` works on either.

Kept: per provider its id, name, `api_pattern` (a regex matched at the start of the base URL),
`model_match`, `provider_match` and `fallback_model_providers`; per model its id, name, match
clause (genai-prices' own JSON shape, `{"or": [{"starts_with": "claude-sonnet-4-5"}, ...]}`, in
genai-prices' order, since the first match wins), `deprecated`, and its text-token prices in USD
per million tokens as decimal strings: input_mtok, cache_read_mtok, cache_write_mtok,
output_mtok and output_reasoning_mtok. Tally bills one price per kind of token, so:

- tiered prices (more per token above, say, 200k prompt tokens): the base tier, then under
  `tiers` one entry per threshold, lowest first: `{"start": 200000, "input_mtok": "6", ...}`,
  every text-token price billed when the prompt is over `start` input tokens (genai-prices'
  "cliff": the tier's rates apply to every token of the request);
- prices that change over time: the one in force on the snapshot date (--date, today in UTC);
- time-of-day prices (DeepSeek's off-peak discount): the one in force for most of the day;
- a missing input or output price is 0, as genai-prices bills it; a model priced only in other
  units (audio hours, images, searches) gets `"prices": null`, and so no price in Tally;
- request variants (batch, flex, priority) and the other units are left out.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

PINNED_VERSION = "0.2.3"
OUTPUT_DIR = Path(__file__).resolve().parents[1] / "resources" / "prices"
CATALOG_NAME = "genai-prices.json"
LICENSE_NAME = "LICENSE-genai-prices"

# Text-token prices, in the order they are written.
PRICE_KEYS = ("input_mtok", "cache_read_mtok", "cache_write_mtok", "output_mtok")
REASONING_KEY = "output_reasoning_mtok"
_TOKEN_KEYS = (*PRICE_KEYS, REASONING_KEY)
_REQUIRED = ("input_mtok", "output_mtok")  # 0 when missing, as genai-prices bills them
_CLAUSES = {
    "ClauseEquals": "equals",
    "ClauseStartsWith": "starts_with",
    "ClauseEndsWith": "ends_with",
    "ClauseContains": "contains",
    "ClauseRegex": "regex",
}
_MINUTES_A_DAY = 24 * 60


def main(argv: list[str] | None = None) -> int:
    """Download, convert, write; print what was written."""
    args = _arguments().parse_args(argv)
    as_of = args.date or datetime.datetime.now(datetime.UTC).date()
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or download(args.version, Path(folder))
        source, license_text = read_wheel(wheel)
    catalog = convert(load_providers(source), args.version, as_of)
    args.output.mkdir(parents=True, exist_ok=True)
    target = args.output / CATALOG_NAME
    target.write_text(render(catalog), encoding="utf-8")
    (args.output / LICENSE_NAME).write_text(license_text, encoding="utf-8")
    models = sum(len(provider["models"]) for provider in catalog["providers"])
    print(f"{target}: genai-prices {args.version} as of {as_of}, {models} models")
    return 0


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--version", default=PINNED_VERSION, help="genai-prices release to use")
    parser.add_argument(
        "--date", type=datetime.date.fromisoformat, help="pick the prices in force on this day"
    )
    parser.add_argument("--wheel", type=Path, help="use this wheel instead of downloading it")
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR, help="folder to write to")
    return parser


def download(version: str, folder: Path) -> Path:
    """The genai-prices wheel from PyPI, through pip so its index settings apply."""
    command = [sys.executable, "-m", "pip", "download", f"genai-prices=={version}"]
    command += ["--no-deps", "--only-binary=:all:", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*command, "-d", str(folder)], check=True)
    return next(folder.glob("genai_prices-*.whl"))


def read_wheel(wheel: Path) -> tuple[str, str]:
    """The source of the wheel's data module and its licence text."""
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("genai_prices/data.py").decode()
        licence = next(name for name in archive.namelist() if name.endswith("/LICENSE"))
        return source, archive.read(licence).decode()


def load_providers(source: str) -> list[Any]:
    """The `providers` list of genai-prices' data module, evaluated without running it."""
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.AnnAssign | ast.Assign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if any(isinstance(t, ast.Name) and t.id == "providers" for t in targets):
                assert statement.value is not None
                providers: list[Any] = _evaluate(statement.value)
                return providers
    raise ValueError("genai-prices' data module has no `providers` list")


_TYPES: dict[str, type] = {}


def _evaluate(node: ast.expr) -> Any:
    """A literal, a list, a dict, Decimal(...), datetime.date/time(...), or Type(key=...)
    as an object of a class of that name; anything else is refused."""
    match node:
        case ast.Constant(value=value):
            return value
        case ast.List(elts=items) | ast.Tuple(elts=items):
            return [_evaluate(item) for item in items]
        case ast.Dict(keys=keys, values=values) if None not in keys:
            return {
                _evaluate(k): _evaluate(v)
                for k, v in zip(keys, values, strict=True)
                if k is not None
            }
        case ast.Attribute(value=ast.Name(id="datetime"), attr="UTC"):
            return datetime.UTC
        case ast.Call(func=ast.Name(id="Decimal"), args=[argument], keywords=[]):
            return Decimal(_evaluate(argument))
        case ast.Call(
            func=ast.Attribute(value=ast.Name(id="datetime"), attr=("date" | "time") as kind)
        ):
            build = getattr(datetime, kind)
            return build(*(_evaluate(a) for a in node.args), **_keywords(node))
        case ast.Call(func=ast.Name(id=name), args=[]):
            if name not in _TYPES:
                _TYPES[name] = type(name, (SimpleNamespace,), {})
            return _TYPES[name](**_keywords(node))
    raise ValueError(f"line {node.lineno}: unexpected {ast.unparse(node)[:80]}")


def _keywords(call: ast.Call) -> dict[str, Any]:
    if any(keyword.arg is None for keyword in call.keywords):
        raise ValueError(f"line {call.lineno}: unexpected **arguments")
    return {str(keyword.arg): _evaluate(keyword.value) for keyword in call.keywords}


def convert(providers: list[Any], version: str, as_of: datetime.date) -> dict[str, Any]:
    """The catalog as plain JSON data, for objects shaped like genai-prices' types."""
    return {
        "source": "genai-prices",
        "version": version,
        "as_of": as_of.isoformat(),
        "license": f"MIT, see {LICENSE_NAME}",
        "providers": [_provider(provider, as_of) for provider in providers],
    }


def _provider(provider: Any, as_of: datetime.date) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": provider.id,
        "name": provider.name,
        "api_pattern": provider.api_pattern,
    }
    for key in ("model_match", "provider_match"):
        if (clause := getattr(provider, key, None)) is not None:
            out[key] = clause_json(clause)
    if fallbacks := getattr(provider, "fallback_model_providers", None):
        out["fallback_model_providers"] = list(fallbacks)
    out["models"] = [_model(model, as_of) for model in getattr(provider, "models", [])]
    return out


def _model(model: Any, as_of: datetime.date) -> dict[str, Any]:
    out: dict[str, Any] = {"id": model.id}
    if getattr(model, "name", None):
        out["name"] = model.name
    out["match"] = clause_json(model.match)
    if getattr(model, "deprecated", None):
        out["deprecated"] = True
    out["prices"] = token_prices(price_in_force(getattr(model, "prices", []), as_of))
    return out


def clause_json(clause: Any) -> dict[str, Any]:
    """A match clause in genai-prices' JSON shape: {"equals": "gpt-4.1"}, {"or": [...]}."""
    kind = type(clause).__name__
    if kind in _CLAUSES:
        key = _CLAUSES[kind]
        return {key: getattr(clause, key)}
    if kind == "ClauseOr":
        return {"or": [clause_json(c) for c in clause.or_]}
    if kind == "ClauseAnd":
        return {"and": [clause_json(c) for c in clause.and_]}
    raise ValueError(f"unknown match clause {kind}")


def price_in_force(prices: Any, as_of: datetime.date) -> Any:
    """The model's standard price on `as_of`: genai-prices' rule (the last active conditional
    price wins, else the first), with a time-of-day price counted only if it holds for most of
    the day."""
    if not isinstance(prices, list):
        return prices
    if not prices:
        return None
    if not any(_is_time_of_day(_constraint(c)) for c in prices):
        return prices[_winner(prices, as_of, minute=None)].prices
    minutes = Counter(_winner(prices, as_of, minute) for minute in range(_MINUTES_A_DAY))
    # Entries with the same prices (DeepSeek's two peak windows) share their minutes.
    by_price = Counter[str]()
    for index, count in minutes.items():
        by_price[json.dumps(token_prices(prices[index].prices))] += count
    standard, _ = by_price.most_common(1)[0]
    return next(p.prices for p in prices if json.dumps(token_prices(p.prices)) == standard)


def _winner(conditions: list[Any], as_of: datetime.date, minute: int | None) -> int:
    for index in reversed(range(len(conditions))):
        if _active(_constraint(conditions[index]), as_of, minute):
            return index
    return 0


def _constraint(condition: Any) -> Any:
    return getattr(condition, "constraint", None)  # genai-prices' default: always in force


def _active(constraint: Any, as_of: datetime.date, minute: int | None) -> bool:
    if constraint is None:
        return True
    if hasattr(constraint, "start_date"):
        return bool(as_of >= constraint.start_date)
    if _is_time_of_day(constraint) and minute is not None:
        start, end = _utc_minute(constraint.start_time), _utc_minute(constraint.end_time)
        return start <= minute < end if start <= end else minute >= start or minute < end
    raise ValueError(f"unknown price constraint {constraint!r}")


def _is_time_of_day(constraint: Any) -> bool:
    return hasattr(constraint, "start_time")


def _utc_minute(moment: datetime.time) -> int:
    offset = moment.utcoffset() or datetime.timedelta(0)
    return (moment.hour * 60 + moment.minute - int(offset.total_seconds()) // 60) % _MINUTES_A_DAY


def token_prices(price: Any) -> dict[str, Any] | None:
    """The text-token prices as decimal strings, then their `tiers` if any are tiered; a missing
    input or output price is 0 (as genai-prices bills it); None when the model is priced only
    in other units."""
    if price is None:
        return None
    if all(getattr(price, key, None) is None for key in _REQUIRED) and _has_other_prices(price):
        return None
    out: dict[str, Any] = _rates(price)
    tiered = [getattr(price, key, None) for key in _TOKEN_KEYS]
    starts = {tier.start for value in tiered for tier in getattr(value, "tiers", ())}
    if starts:
        out["tiers"] = [{"start": start, **_rates(price, start)} for start in sorted(starts)]
    return out


def _rates(price: Any, above: int | None = None) -> dict[str, str]:
    """Each text-token price in force for a prompt over `above` input tokens (None: the base)."""
    found = {key: _rate(getattr(price, key, None), above) for key in _TOKEN_KEYS}
    out = {key: f"{value:f}" for key, value in found.items() if value is not None}
    return {key: out.get(key, "0") for key in _TOKEN_KEYS if key in out or key in _REQUIRED}


def _rate(value: Any, above: int | None) -> Decimal | None:
    """A price; of tiered prices, the rate of the last tier starting at or below `above`, else
    the base."""
    if value is None:
        return None
    if not hasattr(value, "base"):
        return Decimal(value)
    reached = [tier for tier in value.tiers if above is not None and tier.start <= above]
    return Decimal(max(reached, key=lambda tier: tier.start).price if reached else value.base)


def _has_other_prices(price: Any) -> bool:
    return any(value is not None for key, value in vars(price).items() if not key.startswith("_"))


def render(catalog: dict[str, Any]) -> str:
    """Compact JSON with one model a line, so a refresh reads well as a diff."""
    head = _dumps({key: value for key, value in catalog.items() if key != "providers"})
    providers = ",\n".join(_render_provider(provider) for provider in catalog["providers"])
    return f'{head[:-1]},"providers":[\n{providers}\n]}}\n'


def _render_provider(provider: dict[str, Any]) -> str:
    head = _dumps({key: value for key, value in provider.items() if key != "models"})
    models = ",\n".join(_dumps(model) for model in provider["models"])
    return f'{head[:-1]},"models":[\n{models}\n]}}'


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    sys.exit(main())
