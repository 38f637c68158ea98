"""The trivial task of bench/queue_bench.py, for the engine named in QUEUE_BENCH_ENGINE.

Imported by the benchmark and by the worker it starts (`lvzhi db_worker`, `huey_consumer`).
"""

import os
import time

ENGINE = os.environ.get("QUEUE_BENCH_ENGINE", "django-tasks")

if ENGINE.startswith("huey"):
    from huey import RedisHuey, SqliteHuey

    if ENGINE == "huey-sqlite":
        # The busy timeout of lvzhi's own SQLite settings (huey's default is 5 s).
        huey = SqliteHuey("lvzhi-bench", filename=os.environ["QUEUE_BENCH_HUEY_DB"], timeout=20)
    else:
        huey = RedisHuey("lvzhi-bench", host="127.0.0.1", port=6379)

    @huey.task()
    def stamp():
        return time.time()

else:
    from django_tasks import task

    @task()
    def stamp():
        return time.time()
