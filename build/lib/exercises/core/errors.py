"""Content errors: what an instructor sees when a bank or scenario file is wrong."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError:
    """One problem in one content file, located as precisely as we can."""

    file: Path
    message: str
    line: int | None = None
    item_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = _display_path(self.file)
        if self.line is not None:
            where += f", Zeile {self.line}"
        parts = [where]
        if self.item_id:
            parts.append(f"Frage/Eintrag „{self.item_id}“")
        if self.field:
            parts.append(f"Feld „{self.field}“")
        return ": ".join([" – ".join(parts), self.message])


def _display_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class ContentErrors(Exception):
    """All content errors of one run, reported together."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = "1 Fehler in den Kursinhalten:" if count == 1 else f"{count} Fehler in den Kursinhalten:"
        return "\n".join([head, *(f"  - {e}" for e in self.errors)])


def os_error_reason(exc: OSError, path: Path, writing: bool = False) -> str:
    """Why ``path`` could not be read or written, in German (no full stop at the end)."""
    from exercises.core.texts import t  # texts imports this module

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    code = exc.errno
    if code == errno.ENOENT:
        if writing or not folder.is_dir():
            missing = folder
            while not missing.parent.is_dir() and missing.parent != missing:
                missing = missing.parent
            return t("content_check", "os_no_folder", folder=missing)
        return t("content_check", "os_no_file", path=path)
    if code in (errno.EACCES, errno.EPERM):
        if writing:
            return t("content_check", "os_no_write_permission", folder=folder)
        return t("content_check", "os_no_read_permission", path=path)
    if code == errno.EISDIR:
        return t("content_check", "os_is_folder", path=path)
    if code == errno.ENOTDIR:
        return t("content_check", "os_not_folder", path=path)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return t("content_check", "os_disk_full")
    if code == errno.EROFS:
        return t("content_check", "os_read_only")
    return t("content_check", "os_other", reason=exc.strerror or exc)
