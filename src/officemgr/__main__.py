"""``officemgr`` and ``python -m officemgr``: the command line, or the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if any(arg == "--incoming-call" or arg.startswith("--incoming-call=") for arg in args):
        # The phone system starts this on every ring: when a window is open, handing it
        # the number is all there is to do, without loading the program (see handoff).
        from officemgr.handoff import hand_off_from_arguments

        if hand_off_from_arguments(args):
            return 0
    from officemgr.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
