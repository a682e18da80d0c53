"""Benchmark: machine drafts of the whole letter, six locales, against a slow local server.

The letter's source is extracted into fresh, untranslated catalogs in a temporary
project, then drafted through deep-translator's real HTTP code against the tests'
LibreTranslate-compatible server on 127.0.0.1, which answers each request after
``--latency`` seconds (default 200 ms). Five locales go to ``libre``; Thai, which
deep-translator's LibreTranslate table lacks, goes to ``google``, whose address
is pointed (in this process only) at the same server's imitation of Google's
mobile page. So every request of all six locales meets the same latency.

Prints: wall time against the bound requests × latency ÷ concurrency; HTTP
requests sent against segments needing drafts; and the requests of a second
run, both as is (nothing left to draft) and on fresh catalogs as in another
branch (everything from the cache). Target for both: zero.

    .venv/bin/python bench/drafts.py [--latency S] [--concurrency N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from deep_translator import constants  # noqa: E402

from fake_libretranslate import FakeServer  # noqa: E402
from letter_i18n import localetable  # noqa: E402
from letter_i18n.catalog.update import update_catalogs  # noqa: E402
from letter_i18n.drafts.options import (  # noqa: E402
    EngineSettings,
    Options,
    choose_engines,
    clients,
    parse_engine_specs,
)
from letter_i18n.drafts.plan import make_plan  # noqa: E402
from letter_i18n.drafts.run import run_plan  # noqa: E402
from letter_i18n.project import Project  # noqa: E402

ENGINES = ["libre", "th=google"]


def fresh_catalogs(project: Project) -> None:
    """Untranslated catalogs of the current source, as `update` makes them for a new project."""
    for old in project.locales_dir.glob("*/LC_MESSAGES/letter.po"):
        old.unlink()
    update_catalogs(project)


def run_once(project: Project, server: FakeServer, concurrency: int) -> tuple[dict, float]:
    options = Options(concurrency=concurrency, timeout=10.0)
    options.engines["libre"] = EngineSettings(url=server.url)
    options.engines["google"] = EngineSettings(rate_limit=0.0)  # measure, don't pace
    table = localetable.load(project)
    chosen = choose_engines(parse_engine_specs(ENGINES, table.codes), table.codes, table)
    plan = make_plan(project, chosen, options)
    before = len(server.translations())
    start = time.perf_counter()
    report = run_plan(project, plan, clients(chosen, options, {}), options)
    seconds = time.perf_counter() - start
    return {
        "segments": sum(len(here.jobs) for here in plan.locales),
        "texts": len(plan.pending),
        "sent": len(server.translations()) - before,
        "drafted": sum(r.drafted for r in report.locales),
        "from_cache": sum(r.from_cache for r in report.locales),
        "rejected": sum(r.rejected for r in report.locales),
        "failed": sum(r.failed for r in report.locales),
        "skipped": sum(r.skipped for r in report.locales),
    }, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1640131200")
    work = Path(tempfile.mkdtemp(prefix="bench-drafts-"))
    shutil.copytree(ROOT / "source", work / "source")
    (work / "locales").mkdir()
    shutil.copy(localetable.path(Project(ROOT)), work / "locales")  # the languages
    project = Project(work)
    fresh_catalogs(project)
    server = FakeServer(latency=args.latency).start()
    constants.BASE_URLS["GOOGLE_TRANSLATE"] = server.url + "m"  # Thai: Google's page, locally
    try:
        first, seconds = run_once(project, server, args.concurrency)
        again, _ = run_once(project, server, args.concurrency)
        fresh_catalogs(project)
        branch, branch_seconds = run_once(project, server, args.concurrency)
    finally:
        server.stop()
        shutil.rmtree(work)
    bound = first["sent"] * args.latency / args.concurrency
    print(f"six locales ({', '.join(ENGINES)}), latency {args.latency * 1000:.0f} ms, "
          f"concurrency {args.concurrency}")
    print(f"segments needing drafts  {first['segments']:>6}   "
          f"(+{first['skipped']} with only names or placeholders, not sent)")
    print(f"distinct texts to send   {first['texts']:>6}   "
          "(plural entries send one text per CLDR sample number)")
    print(f"HTTP requests sent       {first['sent']:>6}   "
          f"ratio to segments {first['sent'] / first['segments']:.2f}")
    print(f"drafted / rejected / failed  {first['drafted']} / {first['rejected']} / "
          f"{first['failed']}")
    print(f"wall time                {seconds:>6.2f} s  bound {bound:.2f} s "
          f"(requests × latency ÷ concurrency), ratio {seconds / bound:.2f}")
    print(f"second run: requests     {again['sent']:>6}   (nothing left to draft)")
    print(f"fresh catalogs, same cache (another branch): requests {branch['sent']}, "
          f"{branch['from_cache']} of {branch['drafted']} drafts from the cache, "
          f"{branch_seconds:.2f} s")


if __name__ == "__main__":
    main()
