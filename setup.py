"""Packaging hook: the wheel carries the course's _toc.yml, so that the progress overview lists
the chapters in course order wherever the package is installed (pyproject.toml has the rest)."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TOC = Path(__file__).resolve().parent / "_toc.yml"


class BuildWithChapterOrder(build_py):
    def run(self):
        super().run()
        # An editable install reads the checkout's own _toc.yml; only real builds carry a copy.
        if TOC.exists() and not getattr(self, "editable_mode", False):
            self.copy_file(str(TOC), str(Path(self.build_lib, "exercises", "_toc.yml")))


setup(cmdclass={"build_py": BuildWithChapterOrder})
