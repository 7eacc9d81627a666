"""What the site's hooks share (not a hook: mkdocs.yml does not list it).

The catalog hook (hooks/catalog_pages.py) loads the catalog once per build; the hooks listed after
it read its build state through `catalog_build` rather than loading the catalog again. Also the
time spent on paper pages, which the profile line reports as a stage of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

#: Seconds a hook spent on paper pages in this build, by stage; hooks/build_profile.py reports
#: them as the `papers` stage, apart from the stage whose event did the work.
paper_seconds: dict[str, float] = {}


def catalog_build(config: MkDocsConfig) -> Any:
    """The build state of the catalog hook (catalog_pages.BuildState), which loaded the catalog."""
    for name, module in (config.hooks or {}).items():
        if Path(name).name == "catalog_pages.py" and getattr(module, "state", None) is not None:
            return module.state
    raise PluginError("this hook needs hooks/catalog_pages.py listed before it in mkdocs.yml")


def edit_base(config: MkDocsConfig) -> str:
    """Where catalog files are edited: the repository's edit URL with docs/ replaced by catalog/."""
    if not config.repo_url or not config.edit_uri:
        return ""
    return config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/").removesuffix("docs") + "catalog/"
