"""Executes notebooks on the arraylib kernel and writes the executed copies.

usage: execute_notebooks.py --out DIR NOTEBOOK [NOTEBOOK ...]
Exits non-zero when a cell raises, naming the notebook and the cell.
"""
import argparse
import pathlib
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

KERNEL_NAME = "arraylib-rust"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=pathlib.Path)
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("notebooks", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=args.timeout,
                                resources={"metadata": {"path": str(path.parent)}})
        target = args.out / path.name
        try:
            client.execute()
            print(f"executed {path} -> {target}")
        except CellExecutionError as error:
            failed += 1
            print(f"FAILED {path}: {error}", file=sys.stderr)
        nbformat.write(nb, target)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
