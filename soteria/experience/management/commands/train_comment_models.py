"""``manage.py train_comment_models``: retrain the shipped comment classifiers."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from soteria.experience.analysis import datasets, model_store, training


class Command(BaseCommand):
    help = (
        "Train the comment sentiment and theme classifiers on the training half of the "
        "labelled sets (../shared/data/experience/) and write them to "
        "soteria/experience/analysis/model/. Embeddings are cached in var/cache/embeddings/."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--data",
            type=Path,
            default=None,
            help=f"folder with the three labelled files (default: {datasets.data_dir()})",
        )
        parser.add_argument(
            "--out",
            type=Path,
            default=model_store.MODEL_DIR,
            help="where to write the model files (default: the shipped folder)",
        )
        parser.add_argument(
            "--cache", type=Path, default=None, help="embedding cache file (SQLite)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = options["data"] or datasets.data_dir()
        missing = [
            name
            for name in (datasets.PHASE1, datasets.V6, datasets.POLEMO)
            if not (folder / name).is_file()
        ]
        if missing:
            raise CommandError(f"missing in {folder}: {', '.join(missing)}")

        def log(line: str) -> None:
            self.stdout.write(line)

        log(f"Reading and embedding the labelled comments in {folder} (cached)…")
        corpus = training.load_corpus(folder, options["cache"], progress=True)
        train = corpus.rows("train")
        log(f"  {len(corpus.examples)} examples, {len(train)} in the training half")
        models = training.train_all(corpus, options["out"], log=log)
        for name, linear in models.items():
            log(f"{name}: version {linear.version}, labels {', '.join(linear.labels)}")
        log(self.style.SUCCESS(f"Written to {options['out']}"))
