"""The command line: the window by default, and the office's batch commands.

    officemgr [--db FILE] [--sample]             open the window
    officemgr --incoming-call NUMBER [--db FILE] hand a caller's number to the window
    officemgr demo --db FILE [--customers N] [--seed S]
    officemgr report contact-log --db FILE --out FILE.pdf [--from D --to D | --period P]
                     [--customer NAME] [--kind K] [--include-jobs] [--group-by-customer]
    officemgr report customer-contact-list --db FILE --out FILE.pdf [--customer NAME]
                     [--include-jobs] [--include-inactive] [--prospects-only]
    officemgr report open-balances --db FILE --out FILE.pdf [--as-of D] [--customer NAME]
                     [--include-zero]
    officemgr report invoice --db FILE --number N --out FILE.pdf
    officemgr find-phone --db FILE NUMBER
    officemgr check --db FILE [--repair]         Verify Data (and its safe repair)
    officemgr backup --db FILE [--to DIR]
    officemgr restore BACKUP --db FILE
    officemgr import FILE --db FILE [--format iif|csv|xlsx] [--mapping MAP.json]
                     [--dry-run] [--on-duplicate skip|update|create]
    officemgr export --db FILE --out FILE [--format iif|csv|xlsx|vcf]
                     [--what customers|contacts|contact-log|invoices|payments] [--active-only]

Every failure the user can cause ends with one sentence on stderr and exit status 1,
never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from officemgr._version import __version__
from officemgr.core.location import company_location, is_server_url
from officemgr.errors import OfficeMgrError
from officemgr.reports import catalog

if TYPE_CHECKING:
    from officemgr.reports.base import ReportResult

# Sample companies are made below both this and the window's entry point (``app``);
# these names stay importable from here.
from officemgr.samples import SAMPLE_CUSTOMERS as SAMPLE_CUSTOMERS
from officemgr.samples import SAMPLE_SEED as SAMPLE_SEED
from officemgr.samples import ensure_sample_company as ensure_sample_company
from officemgr.samples import make_demo_company as make_demo_company


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="officemgr",
        description="OfficeMgr — the office manager for service businesses. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"OfficeMgr {__version__}")
    parser.add_argument(
        "--db",
        type=company_location,
        metavar="FILE_OR_URL",
        help="company file to open (default: My Company)",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="open the sample company (made on first use in your data folder)",
    )
    parser.add_argument(
        "--incoming-call",
        metavar="NUMBER",
        help="caller ID from the phone system: the window open on the company file (or a "
        "new one) comes to the front and finds who has NUMBER",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        return sub

    def db_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--db",
            type=company_location,
            required=True,
            default=argparse.SUPPRESS,
            metavar="FILE_OR_URL",
            help="the company file, or a company on a server: postgresql://user@host/database",
        )

    server_init = command(
        "server-init", "Make a new company in an empty database on a PostgreSQL server."
    )
    server_init.add_argument(
        "url", metavar="URL", help="the empty database: postgresql://user@host:port/database"
    )

    copying = command(
        "copy",
        "Copy a company exactly, between a file and a server (either way): the copy must "
        "be new (no such file; an empty database).",
    )
    copying.add_argument(
        "--from", dest="source", required=True, metavar="FILE_OR_URL", help="the company to copy"
    )
    copying.add_argument(
        "--to", dest="target", required=True, metavar="FILE_OR_URL", help="the new company"
    )

    demo = command("demo", "Make a realistic sample company in a new file.")
    db_option(demo)
    demo.add_argument("--customers", type=int, default=SAMPLE_CUSTOMERS, metavar="N")
    demo.add_argument("--seed", type=int, default=SAMPLE_SEED, metavar="S")

    def format_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--format",
            choices=("pdf", "csv", "xlsx"),
            help="pdf, or the report's rows as csv or xlsx (default: by --out's suffix, else pdf)",
        )

    def report_options(sub: argparse.ArgumentParser) -> None:
        """The options every customer report shares."""
        db_option(sub)
        sub.add_argument(
            "--out", type=Path, required=True, metavar="FILE", help="the PDF (.csv, .xlsx) to write"
        )
        format_option(sub)
        sub.add_argument(
            "--customer",
            action="append",
            default=[],
            metavar="NAME",
            help="a customer or job by full name (Smith, John:Furnace); repeatable",
        )
        sub.add_argument("--include-jobs", action="store_true", help="the customers' jobs too")
        sub.add_argument(
            "--include-inactive", action="store_true", help="inactive customers and jobs too"
        )
        sub.add_argument("--paper", choices=("letter", "a4"), help="default: the office setting")

    report = command("report", "Write a report as a PDF file, or its rows as CSV or Excel.")
    reports = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    log = reports.add_parser(
        "contact-log",
        help="Contact Log (Customer): the log entries of a period, customer, kind, employee.",
        description="Contact Log (Customer): the log entries of a period, customer, kind, "
        "employee. Dates look like 2026-11-30.",
    )
    report_options(log)
    log.add_argument("--from", dest="date_from", metavar="D", help="first day (2026-11-01)")
    log.add_argument("--to", dest="date_to", metavar="D", help="last day (2026-11-30)")
    log.add_argument(
        "--period",
        metavar="P",
        help="all, today, this_week, last_week, this_month, last_month, this_quarter, "
        "last_quarter, this_year, last_year, last_30_days or last_90_days",
    )
    log.add_argument(
        "--kind", action="append", default=[], metavar="K", help="Call In, Email …; repeatable"
    )
    log.add_argument("--employee", metavar="NAME", help="only this employee's entries")
    log.add_argument("--sort", choices=("date", "customer"), default="date")
    log.add_argument("--group-by-customer", action="store_true", help="with counts per customer")

    contacts = reports.add_parser(
        "customer-contact-list",
        help="Customer Contact List: customers and jobs with phones, emails and contacts.",
        description="Customer Contact List: customers (and jobs) with their phones, emails "
        "and contacts, sorted by name.",
    )
    report_options(contacts)
    contacts.add_argument(
        "--prospects-only", action="store_true", help="only customers marked as prospects"
    )

    balances = reports.add_parser(
        "open-balances",
        help="Open Balances by Customer: open invoices, opening balances and credits as of a "
        "date, aged into 30-day buckets.",
        description="Open Balances by Customer: what each customer owes as of the end of a "
        "day (open invoices, opening balances, unapplied payments; payments received later "
        "are not counted), aged into current, 1–30, 31–60, 61–90 and over 90 days past due, "
        "with totals.",
    )
    db_option(balances)
    balances.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the PDF (.csv, .xlsx) to write"
    )
    format_option(balances)
    balances.add_argument("--as-of", dest="as_of", metavar="D", help="default today (2026-11-30)")
    balances.add_argument(
        "--customer",
        action="append",
        default=[],
        metavar="NAME",
        help="a customer or job by full name (Smith, John:Furnace); repeatable",
    )
    balances.add_argument(
        "--include-zero", action="store_true", help="customers with nothing open too"
    )
    balances.add_argument("--paper", choices=("letter", "a4"), help="default: the office setting")

    for entry in catalog.ENTRIES.values():
        if entry.options:  # the reports whose choices the catalog describes
            _catalog_report_parser(reports, entry, db_option, format_option)

    invoice = reports.add_parser(
        "invoice", help="Print one invoice to PDF.", description="Print one invoice to PDF."
    )
    db_option(invoice)
    invoice.add_argument("--number", required=True, metavar="N", help="the invoice number")
    invoice.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    invoice.add_argument("--paper", choices=("letter", "a4"), help="default: the office setting")

    find = command(
        "find-phone", "Caller ID: list the customers, jobs and contacts having a number."
    )
    db_option(find)
    find.add_argument("number", help="the number, in any format")

    check = command(
        "check", "Verify Data: check the file and list what is wrong (exit 1 if anything)."
    )
    db_option(check)
    check.add_argument(
        "--repair",
        action="store_true",
        help="when every problem is derived data (balances, paid amounts, the quick filter's "
        "index), back the file up and recompute it",
    )

    backup = command("backup", "Write a verified backup of the company file.")
    db_option(backup)
    backup.add_argument(
        "--to", metavar="DIR", help="folder for the backup (default: your backup folder)"
    )

    restore = command(
        "restore", "Replace the company file with a backup (the replaced file is backed up first)."
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    db_option(restore)

    importing = command(
        "import",
        "Bring customers and jobs in from a QuickBooks IIF, CSV or Excel file (the company "
        "file is backed up first; nothing is written when anything goes wrong).",
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    db_option(importing)
    importing.add_argument("--format", choices=("iif", "csv", "xlsx"), help="default: detected")
    importing.add_argument(
        "--mapping",
        type=Path,
        metavar="MAP.json",
        help="which column is which field (CSV, Excel), as the window's Import saves it",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="say what would happen; write nothing"
    )
    importing.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "create"),
        default="skip",
        help="a record already there: skip it (default), fill its empty fields, or create "
        "a possible duplicate anyway",
    )

    exporting = command(
        "export",
        "Write a list to a file: customers and jobs (CSV, Excel, QuickBooks IIF or vCard), "
        "contacts (CSV, Excel or vCard), the contact log, invoices or payments (CSV or Excel).",
    )
    db_option(exporting)
    exporting.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="the file to write (.csv, .xlsx, .iif or .vcf); a file there is replaced "
        "only once the new one is whole",
    )
    exporting.add_argument(
        "--format", choices=("iif", "csv", "xlsx", "vcf"), help="default: from the --out name"
    )
    exporting.add_argument(
        "--what",
        choices=("customers", "contacts", "contact-log", "invoices", "payments"),
        default="customers",
        help="the list to write (default: customers, with their jobs)",
    )
    exporting.add_argument(
        "--active-only",
        action="store_true",
        help="leave out inactive customers and jobs, and what is theirs",
    )
    return parser


def _printable_output() -> None:
    """Paths and names are printed whatever they hold: a character the terminal cannot
    show (half a character from a file name that is not UTF-8) is written as its escape
    rather than ending the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: list[str]) -> int:
    _printable_output()
    parser = _parser()
    args = parser.parse_args(argv)
    handler = COMMANDS.get(args.command or "")
    if args.incoming_call is not None:
        if handler is not None:
            parser.error("--incoming-call hands a number to the window; give it no command.")
        if not args.incoming_call.strip():
            parser.error("--incoming-call needs the caller's number.")
    try:
        if handler is None:
            from officemgr.app import run_gui

            return run_gui(db=args.db, sample=args.sample, incoming_call=args.incoming_call)
        return handler(args)
    except OfficeMgrError as error:
        print(f"officemgr: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("officemgr: interrupted.", file=sys.stderr)
        return 130


# ------------------------------------------------------------------------ commands


def _copy(args: argparse.Namespace) -> int:
    """Copy a company to a new file or an empty database, then check the copy."""
    from officemgr import files

    started = time.perf_counter()
    shown = _progress_line("rows")
    result = files.copy_company(
        company_location(args.source), company_location(args.target), progress=shown
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    print(f"Copied {result.rows:,} rows to {result.target} in {seconds:.1f} s.")
    report = files.verify(company_location(args.target))
    if report.ok:
        print("Verify Data found no problems in the copy.")
        return 0
    print(f"Verify Data found {len(report.problems)} kind(s) of problem in the copy:")
    for problem in report.problems:
        print(f"- {problem}")
    return 1


def _progress_line(what: str) -> Callable[[int, int], None]:
    """A progress callback that keeps one line up to date on a terminal (twice a second)."""
    last_shown = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if sys.stderr.isatty() and now - last_shown[0] > 0.5:
            last_shown[0] = now
            print(f"\r{done:,} of {total:,} {what} …", end="", file=sys.stderr)

    return progress


def _file_only(location: Path | str, what: str) -> None:
    """Refuse, in one sentence, a command that works on company files only for now."""
    if is_server_url(location):
        raise OfficeMgrError(f"{what} works on company files; not yet on a company on a server.")


def _server_init(args: argparse.Namespace) -> int:
    """Make OfficeMgr's schema in an empty PostgreSQL database."""
    from officemgr import files

    made = files.make_server_company(args.url)
    print(f"Made {made}: open it with --db and the same address.")
    return 0


MAX_DEMO_CUSTOMERS = 1_000_000  # about 10 GB and an hour here: more is a mistyped number


def _demo(args: argparse.Namespace) -> int:
    if not 0 <= args.customers <= MAX_DEMO_CUSTOMERS:
        print(f"officemgr: --customers must be from 0 to {MAX_DEMO_CUSTOMERS:,}.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    summary = make_demo_company(
        args.db, customers=args.customers, seed=args.seed, progress=_progress_line("customers")
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    size = "" if is_server_url(args.db) else f" ({args.db.stat().st_size / 1e6:,.1f} MB)"
    counted = ", ".join(
        f"{getattr(summary, field):,} {words}"
        for field, words in (
            ("customers", "customers"),
            ("jobs", "jobs"),
            ("contacts", "contacts"),
            ("contact_log_entries", "contact log entries"),
            ("invoices", "invoices"),
            ("payments", "payments"),
        )
    )
    where = "the company on the server" if is_server_url(args.db) else args.db
    print(f"Made {where} in {seconds:.1f} s{size}: {counted}.")
    return 0


def _date_argument(value: str | None, option: str) -> date | None:
    from officemgr.errors import ValidationError

    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            f"{option} must be a date like 2026-11-30, not “{value}”.", field=option
        ) from None


def _catalog_report_parser(
    reports: Any, entry: catalog.ReportEntry, db_option: Any, format_option: Any
) -> None:
    """``officemgr report KEY``: the report's choices as its catalog entry lists them."""
    sub = reports.add_parser(entry.key, help=entry.name + ".", description=entry.description)
    db_option(sub)
    sub.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the PDF (.csv, .xlsx) to write"
    )
    format_option(sub)
    for spec in entry.options:
        text = spec.label.replace("&", "").rstrip(":")
        if spec.kind == "flag":
            sub.add_argument(spec.flag, dest=spec.name, action="store_true", help=text)
        elif spec.kind == "customers":
            sub.add_argument(
                spec.flag, dest=spec.name, action="append", default=[], metavar="NAME",
                help="a customer or job by full name (Smith, John:Furnace); repeatable",
            )  # fmt: skip
        elif spec.kind == "choices":
            values = [value for value, _ in spec.choices]
            sub.add_argument(
                spec.flag, dest=spec.name, action="append", default=[], choices=values,
                help=f"{text}; repeatable (default: all)",
            )  # fmt: skip
        elif spec.kind == "choice":
            values = [value for value, _ in spec.choices]
            sub.add_argument(spec.flag, dest=spec.name, choices=values, help=text)
        elif spec.kind == "int":
            sub.add_argument(spec.flag, dest=spec.name, type=int, metavar="N", help=text)
        elif spec.kind == "text":
            sub.add_argument(spec.flag, dest=spec.name, metavar="TEXT", help=text)
        else:
            sub.add_argument(spec.flag, dest=spec.name, metavar="D", help=f"{text} (2026-11-30)")
    sub.add_argument("--paper", choices=("letter", "a4"), help="default: the office setting")


def _catalog_report(args: argparse.Namespace) -> int:
    from officemgr import Company

    entry = catalog.ENTRIES[args.report]
    chosen: dict[str, Any] = {"paper": args.paper}
    for spec in entry.options:
        value = getattr(args, spec.name)
        if spec.kind == "date":
            value = _date_argument(value, spec.flag)
        elif spec.kind in ("customers", "choices"):
            value = tuple(value)
        if value is not None:
            chosen[spec.name] = value
    started = time.perf_counter()
    with Company.open(args.db, create=False) as co:
        result = co.reports.render_with(entry.key, args.out, format=args.format, **chosen)
    return _written(result, started, "line", "lines")


def _report(args: argparse.Namespace) -> int:
    entry = catalog.ENTRIES.get(args.report)
    if entry is not None and entry.options:
        return _catalog_report(args)
    if args.report == "customer-contact-list":
        return _customer_contact_list(args)
    if args.report == "open-balances":
        return _open_balances(args)
    if args.report == "invoice":
        return _invoice(args)
    return _contact_log(args)


def _open_balances(args: argparse.Namespace) -> int:
    from officemgr import Company

    as_of = _date_argument(args.as_of, "--as-of")
    started = time.perf_counter()
    with Company.open(args.db, create=False) as co:
        result = co.reports.open_balances(
            args.out,
            as_of=as_of,
            customers=args.customer,
            include_zero=args.include_zero,
            paper=args.paper,
            format=args.format,
        )
    return _written(result, started, "open item", "open items")


def _invoice(args: argparse.Namespace) -> int:
    from officemgr import Company
    from officemgr.core.inputs import MAX_ID, MIN_ID, shown
    from officemgr.errors import ValidationError

    typed = args.number.strip()
    try:
        number = int(typed)  # also refuses more than 4,300 digits
    except ValueError:
        raise ValidationError(
            f"--number must be an invoice number like 1042, not “{shown(args.number, 40)}”.",
            field="number",
        ) from None
    if not MIN_ID <= number <= MAX_ID:  # SQLite's integers are 64-bit
        raise ValidationError(
            f"--number {shown(typed, 40)}: there is no such invoice; invoice numbers go up "
            f"to {MAX_ID:,}.",
            field="number",
        )
    with Company.open(args.db, create=False) as co:
        result = co.reports.invoice_by_number(number, args.out, paper=args.paper)
    print(f"Wrote {result.path}: invoice {number} on {result.pages:,} page(s).")
    return 0


def _customer_contact_list(args: argparse.Namespace) -> int:
    from officemgr import Company

    started = time.perf_counter()
    with Company.open(args.db, create=False) as co:
        result = co.reports.customer_contact_list(
            args.out,
            customers=args.customer,
            include_jobs=args.include_jobs,
            include_inactive=args.include_inactive,
            prospects_only=args.prospects_only,
            paper=args.paper,
            format=args.format,
        )
    if not result.pages:  # a table: its rows are the customers, jobs and their contacts
        return _written(result, started, "row", "rows")
    return _written(result, started, "customer or job", "customers and jobs")


def _contact_log(args: argparse.Namespace) -> int:
    from officemgr import Company
    from officemgr.errors import ValidationError

    date_from = _date_argument(args.date_from, "--from")
    date_to = _date_argument(args.date_to, "--to")
    if args.period and (date_from or date_to):
        raise ValidationError("Give either --period or --from and --to, not both.")
    started = time.perf_counter()
    with Company.open(args.db, create=False) as co:
        result = co.reports.contact_log(
            args.out,
            period=args.period,
            date_from=date_from,
            date_to=date_to,
            customers=args.customer,
            kinds=args.kind,
            employee=args.employee,
            include_jobs=args.include_jobs,
            include_inactive=args.include_inactive,
            sort=args.sort,
            group_by_customer=args.group_by_customer,
            paper=args.paper,
            format=args.format,
        )
    return _written(result, started, "entry", "entries")


def _written(result: ReportResult, started: float, one: str, many: str) -> int:
    """Say what a report command wrote: "Wrote X in 1.2 s: 3 entries on 1 page." (a CSV or
    Excel file has rows, not pages)."""
    seconds = time.perf_counter() - started
    text = f"Wrote {result.path} in {seconds:.1f} s: {result.entries:,} "
    text += one if result.entries == 1 else many
    if result.pages:
        text += f" on {result.pages:,} page{'' if result.pages == 1 else 's'}"
    print(text + ".")
    return 0


def _find_phone(args: argparse.Namespace) -> int:
    from officemgr import Company

    with Company.open(args.db, create=False) as co:
        matches = co.phone_lookup(args.number)
    if not matches:
        print(f"Nobody has the number {args.number}.")
        return 1
    for match in matches:
        where = (
            f"  ({match.full_name})"
            if getattr(match, "full_name", None) not in (None, match.name)
            else ""
        )
        print(f"{match.kind:<9} {match.id:>8}  {match.name}{where}  {match.phone}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from officemgr import files

    report = files.verify(args.db)
    repaired = args.repair and report.repairable
    if repaired:
        result = files.repair(args.db)
        print(f"Repaired {len(result.fixed)} kind(s) of problem in {report.name}:")
        for problem in result.fixed:
            print(f"- {problem}")
        print(f"As it was, it is kept as {result.backup}")
        print("Checked again:")
        report = result.report
    counted = ", ".join(f"{n:,} {what}" for what, n in report.counts.items())
    if report.note:
        print(report.note)
    if report.ok:
        print(f"No problems found in {report.name}" + (f" ({counted})." if counted else "."))
        return 0
    print(f"{len(report.problems)} kind(s) of problem found in {report.name}:")
    for problem in report.problems:
        print(f"- {problem}")
    if args.repair and not repaired:
        print(
            "Not repaired: only balances, paid amounts and the quick filter's index can be "
            "recomputed safely; the file was left unchanged."
        )
    elif report.repairable:
        print("All of these can be recomputed: run again with --repair.")
    return 1


def _backup(args: argparse.Namespace) -> int:
    from officemgr import files
    from officemgr.errors import ValidationError

    if args.to is not None and not args.to.strip():
        # Path("") is the current folder: an empty name must not put a backup there.
        raise ValidationError("Give --to the folder for the backup.", field="to")
    to_dir = Path(args.to) if args.to is not None else None
    target = files.make_backup(args.db, to_dir=to_dir, label="backup")
    print(f"Backed up to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    _file_only(args.db, "Restoring a backup")
    from officemgr import files

    kept = files.restore_backup(args.backup, target=args.db)
    print(f"Restored {args.db} from {args.backup}.")
    if kept is not None:
        print(f"The file it replaced was kept as {kept}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from officemgr import Company
    from officemgr.importing import load_mapping

    mapping = load_mapping(args.mapping) if args.mapping is not None else None
    with Company.open(args.db, create=False) as co:
        parsed = co.imports.read(args.file, format=args.format, mapping=mapping)
        if args.dry_run:
            report = co.imports.preview(parsed, on_duplicate=args.on_duplicate)
            backup = None
        else:
            result = co.imports.commit(parsed, on_duplicate=args.on_duplicate)
            report, backup = result.report, result.backup
    for problem in report.problems:
        where = f"line {problem.line}" if problem.line else args.file.name
        print(f"{where}: {problem.severity}: {problem.message}", file=sys.stderr)
        if problem.raw:
            print(f"    {problem.raw}", file=sys.stderr)
    for row in report.possible_duplicates:
        names = "; ".join(f"{d.full_name} ({d.reason})" for d in row.duplicates)
        print(f"line {row.line}: {row.full_name} may be {names}: {row.action}", file=sys.stderr)
    made = "; ".join(f"{kind}: {', '.join(names)}" for kind, names in report.new_list_items.items())
    skipped = ", ".join(f"{n:,} {name} lines" for name, n in report.skipped_sections.items())
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {args.file.name}: {report.summary()}.")
    if made:
        print(f"New list entries: {made}.")
    if skipped:
        print(f"Not customer lists, skipped: {skipped}.")
    if backup is not None:
        print(f"The file as it was is kept as {backup}.")
    imported = report.count("create") + report.count("update")
    nothing_usable = not report.rows and any(p.severity == "error" for p in report.problems)
    return 1 if nothing_usable or (report.rows and imported == 0 and report.count("refused")) else 0


def _export(args: argparse.Namespace) -> int:
    from officemgr import Company

    with Company.open(args.db, create=False) as co:
        result = co.exports.write(
            args.out,
            what=args.what,
            format=args.format,
            include_inactive=not args.active_only,
        )
    for warning in result.warnings:
        print(f"officemgr: {warning}", file=sys.stderr)
    print(f"Wrote {result.path}: {result.summary()}.")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "server-init": _server_init,
    "copy": _copy,
    "demo": _demo,
    "report": _report,
    "find-phone": _find_phone,
    "check": _check,
    "backup": _backup,
    "restore": _restore,
    "import": _import,
    "export": _export,
}
