"""Background tasks: thin wrappers over services, queued after the request's commit."""

from __future__ import annotations

import shutil
from pathlib import Path

from django_tasks import task

from soteria.warehouse import services
from soteria.warehouse.models import ImportRecord


@task()
def run_import(import_id: int) -> str:
    """Run an uploaded import, then delete the uploaded files (they are not pseudonymised)."""
    record = ImportRecord.objects.select_related("unit").get(pk=import_id)
    paths = [Path(f["path"]) for f in record.files if f.get("path")]
    try:
        services.import_run(record=record, paths=paths)
    finally:
        folders = {path.parent for path in paths}
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    return record.status
