"""The build files agree with the program: names, registry value, data folder, version, bundled files.
(The bundle itself is built and run by scripts/build_check.sh; Inno Setup runs only on Windows.)"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from desktop import APP_ID, APP_NAME, __version__
from desktop.autostart import RUN_KEY, VALUE_NAME

ROOT = Path(__file__).resolve().parent.parent.parent
ISS = (ROOT / "installer" / "hotline-desk.iss").read_text(encoding="utf-8-sig")
SPEC = (ROOT / "installer" / "hotline-desk.spec").read_text(encoding="utf-8")


def _define(name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]*)"', ISS, re.MULTILINE)
    assert match, name
    return match.group(1)


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("installer_build", ROOT / "installer" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_setup_writes_the_login_entry_the_program_reads() -> None:
    assert _define("RunValue") == VALUE_NAME
    assert f'Subkey: "{RUN_KEY}"' in ISS
    assert "Root: HKCU" in ISS


def test_the_setup_offers_to_remove_the_per_user_data_folder_only_on_request() -> None:
    # platformdirs on Windows (appauthor=False, roaming=False): %LOCALAPPDATA%\HotlineDesk holds data, config, logs.
    assert _define("DataFolder") == APP_ID
    assert "{localappdata}\\{#DataFolder}" in ISS
    assert "MB_DEFBUTTON2" in ISS and "not UninstallSilent" in ISS  # "No" is the default answer


def test_the_setup_installs_without_admin_rights_and_names_the_program() -> None:
    assert "PrivilegesRequired=lowest" in ISS
    assert "PrivilegesRequiredOverridesAllowed=dialog" in ISS
    assert _define("AppName") == APP_NAME
    assert _define("AppExe") == "hotline-desk.exe"
    assert 'name="hotline-desk"' in SPEC and 'name="hotline-desk-cli"' in SPEC


def test_every_custom_message_is_in_every_language() -> None:
    section = ISS.split("[CustomMessages]", 1)[1].split("\n[", 1)[0]
    keys: dict[str, set[str]] = {}
    for line in section.splitlines():
        if "=" in line and "." in line.split("=", 1)[0]:
            language, key = line.split("=", 1)[0].split(".", 1)
            keys.setdefault(language, set()).add(key)
    assert set(keys) == {"zh_CN", "zh_TW", "en"}
    assert keys["zh_CN"] == keys["zh_TW"] == keys["en"]
    used = set(re.findall(r"\{cm:(\w+)\}|CustomMessage\('(\w+)'\)", ISS))
    assert {a or b for a, b in used} == keys["en"]


def test_the_build_takes_the_version_from_the_package() -> None:
    assert _build_module().package_version() == __version__


def test_the_spec_bundles_what_the_program_reads_from_disk() -> None:
    for needed in ('"resources"', "i18n/*/LC_MESSAGES/*.[pm]o", "desktop/models/migrations/env.py",
                   "desktop/models/migrations/versions/*.py", 'collect_data_files("reportlab")', "PySide6.QtCharts",
                   "copy_metadata"):
        assert needed in SPEC, needed


def test_the_setup_script_is_utf8_with_a_bom() -> None:
    # Inno Setup reads a script without a BOM as ANSI: the Chinese messages would be garbled.
    assert (ROOT / "installer" / "hotline-desk.iss").read_bytes().startswith(b"\xef\xbb\xbf")
