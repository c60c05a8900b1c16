"""Set zh_CN translations from the command line: python scripts/translate.py 'English' '中文' ..."""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PATH = Path(__file__).resolve().parent.parent / "app/locales/zh_CN/LC_MESSAGES/messages.po"


def main(pairs: list[str]) -> int:
    if len(pairs) % 2:
        print("usage: translate.py ENGLISH CHINESE [ENGLISH CHINESE ...]", file=sys.stderr)
        return 2
    wanted = dict(zip(pairs[::2], pairs[1::2], strict=True))
    with PATH.open("rb") as handle:
        catalog = read_po(handle, locale="zh_CN")
    for message in catalog:
        if message.id in wanted:
            message.string = wanted.pop(message.id)
    for unknown in wanted:
        print(f"not in the catalog (run update_catalogs.py first): {unknown!r}", file=sys.stderr)
    with PATH.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, no_location=True)
    return 1 if wanted else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
