r"""Opening the files a user points ehcplan at, and the places it writes to, with clear errors.

Every reader of a text file (scenario and policy TOML, the back-test's panel CSV)
opens it with `read_text`, and every command that writes checks its target with
`output_folder` or `output_file` before it starts work, so an ordinary mistake (a
folder given for a file, a binary or Latin-1 file, a folder that does not exist)
is a `FileFormatError` or `InvalidInput` saying what to do, never a traceback and
never half a report.

Examples:
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "latin.toml").write_bytes(b'name = "caf\xe9"\n')
    >>> read_text(folder / "latin.toml", kind="a scenario file")
    Traceback (most recent call last):
    ...
    ehcplan.errors.FileFormatError: .../latin.toml: line 1, column 12: is not UTF-8 text ...
"""

from __future__ import annotations

import os
from pathlib import Path

from ehcplan.errors import FileFormatError, InvalidInput

__all__ = ["output_file", "output_folder", "read_text"]


def read_text(path: str | os.PathLike[str], *, kind: str) -> str:
    """The text of a UTF-8 file, or a `FileFormatError` saying why it cannot be read.

    Args:
        path: The file.
        kind: What the file should be, for messages (``"a scenario file"``).

    Raises:
        FileFormatError: If there is no such file, it is a folder, it cannot be
            read, it is binary (holds a NUL byte), or it is not UTF-8 (the line
            and column of the first byte that is not are given).
    """
    name = os.fspath(path)
    target = Path(name)
    if target.is_dir():
        msg = f"is a folder; give the path of {kind}."
        raise FileFormatError(name, msg)
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        msg = f"no such file; check the path and the current folder (expected {kind})."
        raise FileFormatError(name, msg) from None
    except OSError as error:
        msg = f"cannot be read ({error.strerror}); give the path of {kind}."
        raise FileFormatError(name, msg) from None
    if b"\x00" in data:
        msg = f"is a binary file, not text; give the path of {kind}."
        raise FileFormatError(name, msg)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        msg = (
            f"line {line}, column {column}: is not UTF-8 text (byte "
            f"0x{data[error.start]:02x}); save it as UTF-8 (most editors offer "
            "this under 'Save as' or 'Encoding')."
        )
        raise FileFormatError(name, msg) from None


def output_folder(path: str | os.PathLike[str]) -> Path:
    """Check that *path* can be a folder to write into, and make it (with its parents).

    Raises:
        InvalidInput: If *path* is an existing file, or the folder cannot be made.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        msg = f"{folder} is a file, not a folder; give a folder to write into (--out)."
        raise InvalidInput(msg, field="out")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        msg = (
            f"cannot make the folder {folder} ({error.strerror}); choose another --out."
        )
        raise InvalidInput(msg, field="out") from None
    return folder


def output_file(path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Check that *path* can be written as a file: not a folder, in a folder that exists.

    Args:
        path: The file to write.
        overwrite: Whether an existing file may be replaced.

    Raises:
        InvalidInput: If *path* is a folder, its folder does not exist, or it exists
            and *overwrite* is False.
    """
    file = Path(path)
    if file.is_dir():
        msg = f"{file} is a folder; give the path of a file to write."
        raise InvalidInput(msg, field="out")
    if not file.parent.is_dir():
        msg = (
            f"the folder {file.parent} does not exist; make it first, or write "
            "somewhere else."
        )
        raise InvalidInput(msg, field="out")
    if file.exists() and not overwrite:
        msg = f"{file} exists; choose another name, or pass --force to overwrite it."
        raise InvalidInput(msg, field="path")
    return file
