"""Build Hotline Desk for distribution: the PyInstaller one-folder bundle, then (on Windows) the
Inno Setup installer ``HotlineDesk-Setup-<version>.exe``, with the version taken from the package.

    python installer/build.py                 # bundle, and the setup file on Windows
    python installer/build.py --no-installer  # the bundle only (Linux CI: scripts/build_check.sh)

Outputs: build/dist/hotline-desk/ (the bundle) and build/installer/HotlineDesk-Setup-<version>.exe.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "hotline-desk.spec"
ISS = ROOT / "installer" / "hotline-desk.iss"
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "pyinstaller"
OUTPUT = ROOT / "build" / "installer"
ISCC_PLACES = (
    r"%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe",
    r"%ProgramFiles%\Inno Setup 6\ISCC.exe",
    r"%LOCALAPPDATA%\Programs\Inno Setup 6\ISCC.exe",
)


def package_version() -> str:
    """The version in desktop/__init__.py, read without importing the program (no Qt needed)."""
    namespace: dict[str, object] = {}
    exec((ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return str(namespace["__version__"])


def find_iscc(given: str | None) -> Path | None:
    candidates = [given] if given else [shutil.which("ISCC") or "", *(os.path.expandvars(p) for p in ISCC_PLACES)]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def build_bundle() -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    return DIST / "hotline-desk"


def build_installer(iscc: Path, version: str, bundle: Path) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    command = [str(iscc), f"/DAppVersion={version}", f"/DBundleDir={bundle}", f"/O{OUTPUT}", str(ISS)]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    return OUTPUT / f"HotlineDesk-Setup-{version}.exe"


def folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-installer", action="store_true", help="build the bundle only")
    parser.add_argument("--iscc", help="path to Inno Setup's ISCC.exe (default: PATH, then the usual places)")
    args = parser.parse_args(argv)
    version = package_version()
    started = time.monotonic()
    bundle = build_bundle()
    print(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB, {time.monotonic() - started:.0f} s), "
          f"version {version}")
    if args.no_installer:
        return 0
    if sys.platform != "win32":
        print("the setup file is built on Windows only (Inno Setup); the bundle is ready")
        return 0
    iscc = find_iscc(args.iscc)
    if iscc is None:
        print("Inno Setup 6 not found: install it from https://jrsoftware.org/isdl.php or pass --iscc",
              file=sys.stderr)
        return 1
    setup = build_installer(iscc, version, bundle)
    print(f"setup: {setup}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
