"""Request dependencies shared by every route module.

Routes declare what they need with these ``Annotated`` aliases instead of
reaching into ``request.app.state`` themselves, so tests can swap any of them
with ``app.dependency_overrides``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from backcoach.config import Settings
from backcoach.core.catalogue import Catalogue


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


SettingsDep = Annotated[Settings, Depends(get_settings)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
