"""A rotating log file in the data folder; unexpected errors go there with their traceback."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .paths import data_dir

_configured = False


def log_path() -> Path:
    return data_dir() / "samverkan.log"


def configure() -> logging.Logger:
    global _configured
    logger = logging.getLogger("samverkan_desktop")
    if not _configured:
        try:
            log_path().parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                log_path(), maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        _configured = True
    return logger


def log_exception(exc: BaseException) -> Path:
    configure().error("Unexpected error", exc_info=exc)
    return log_path()
