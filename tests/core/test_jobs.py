"""Background jobs on the real queue: web imports and large exports run in the worker.

Every test that runs a job starts the real worker (`run_worker`: `lvzhi db_worker --batch`)
on the real database backend; nothing runs in the request.
"""

import io

import pytest
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook, load_workbook

from lvzhi.core import jobs
from lvzhi.core.importers import VillageImporter
from lvzhi.core.models import Job, Village
from tests import factories as f
from tests.core.test_import_export import xlsx

VILLAGE_HEADER = ["村名", "乡镇", "所属政协"]


def start_import(client, rows, url="/villages/import/"):
    response = client.post(url, {"file": xlsx(rows)})
    assert response.status_code == 302
    return response["Location"]


def test_import_runs_in_the_worker_and_the_page_follows_it(system, client_for, run_worker):
    client = client_for(system.bob)
    job_url = start_import(
        client, [VILLAGE_HEADER, ["古立村", "古立乡", "武宣县政协"], ["三里村", "三里镇", "武宣县"]]
    )
    # The request only queued the work.
    assert Village.objects.count() == 0
    page = client.get(job_url).content.decode()
    assert "排队中" in page
    assert 'hx-trigger="every 1s"' in page

    job = Job.objects.get()
    jobs.Progress(job)("checking", 1, 2)
    partial = client.get(job_url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "正在检查各行" in partial and "1 / 2" in partial
    assert 'max="2" value="1"' in partial

    run_worker()
    assert sorted(Village.objects.values_list("name", flat=True)) == ["三里村", "古立村"]
    assert Village.objects.get(name="古立村").history.get().history_user == system.bob
    job.refresh_from_db()
    assert (job.status, job.phase, job.done) == ("succeeded", "saving", 2)
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    done = client.get(job_url, HTTP_HX_REQUEST="true").content.decode()
    assert "已导入2条记录" in done
    # Finished: the fragment no longer asks to be polled.
    assert "hx-trigger" not in done


def test_row_errors_are_listed_capped_and_nothing_is_saved(
    system, client_for, run_worker, monkeypatch
):
    monkeypatch.setattr(jobs, "ERRORS_SHOWN", 3)
    rows = [VILLAGE_HEADER, ["古立村", "古立乡", "武宣县政协"]]
    rows += [[f"村{i}", "乡", "不存在的政协"] for i in range(5)]
    client = client_for(system.bob)
    job_url = start_import(client, rows)
    run_worker()
    page = client.get(job_url).content.decode()
    assert "共5处错误，未导入任何数据" in page
    assert page.count("<li>第") == 3
    assert "以下列出前3条" in page
    assert Village.objects.count() == 0
    assert Job.objects.get().status == "failed"


def test_upload_is_removed_once_the_worker_has_read_it(system, client_for, run_worker):
    start_import(client_for(system.bob), [VILLAGE_HEADER, ["古立村", "古立乡", "武宣县政协"]])
    job = Job.objects.get()
    assert jobs.job_files().exists(job.input_file)
    run_worker()
    assert not jobs.job_files().exists(job.input_file)


@pytest.mark.parametrize(
    "user, sees", [("bob", True), ("frank", True), ("alice", False), ("carol", False)]
)
def test_only_the_actor_and_administrators_see_a_job(system, client_for, user, sees):
    job_url = start_import(client_for(system.bob), [VILLAGE_HEADER, ["古立村", "古立乡", "武宣县"]])
    response = client_for(getattr(system, user)).get(job_url)
    assert response.status_code == (200 if sees else 404)


def test_an_outsider_gets_404_for_a_job(system, client_for):
    job_url = start_import(client_for(system.bob), [VILLAGE_HEADER, ["古立村", "古立乡", "武宣县"]])
    assert client_for(system.olivia).get(job_url).status_code == 404


class ErrorBookImporter(VillageImporter):
    """An importer whose result carries an error workbook (the importer's contract)."""

    def run(self, fileobj, name="", size=None, progress=None):
        result = super().run(fileobj, name=name, size=size, progress=progress)
        book = Workbook()
        book.active.append(["行", "错误"])
        for error in result.errors:
            book.active.append([error.row, error.message])
        result.error_workbook = book
        return result


def test_error_workbook_is_offered_to_the_actor_only(system, client_for, run_worker):
    upload = xlsx([VILLAGE_HEADER, ["古立村", "古立乡", "象州县政协"]], name="村.xlsx")
    job = jobs.import_start(
        actor=system.bob, importer=ErrorBookImporter, upload=upload, model_name="村"
    )
    run_worker()
    client = client_for(system.bob)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "下载错误清单" in page
    response = client.get(f"/jobs/{job.pk}/download/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [c.value for c in book.active[2]][0] == 2
    assert client_for(system.alice).get(f"/jobs/{job.pk}/download/").status_code == 404
    assert client_for(system.olivia).get(f"/jobs/{job.pk}/download/").status_code == 404


def test_a_crash_in_the_worker_ends_the_job_as_failed(system, client_for, run_worker, monkeypatch):
    def crash(job, progress):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(jobs.HANDLERS, "import", crash)
    job_url = start_import(client_for(system.bob), [VILLAGE_HEADER, ["古立村", "古立乡", "武宣县"]])
    run_worker()
    job = Job.objects.get()
    assert job.status == "failed"
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"
    page = client_for(system.bob).get(job_url).content.decode()
    assert "任务因意外错误中止" in page
    assert "disk on fire" not in page


def test_a_large_export_runs_as_a_job(system, client_for, run_worker, settings):
    settings.EXPORT_ASYNC_ROWS = 2
    for name in ["广西东糖集团", "东糖纸业", "东糖物流"]:
        f.EnterpriseFactory(committee=system.county, name=name)
    f.EnterpriseFactory(committee=system.county, name="怡黄木业")
    f.EnterpriseFactory(committee=system.other, name="邻县东糖")
    client = client_for(system.bob)
    response = client.get("/enterprises/", {"q": "东糖", "export": "xlsx"})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert "已导出3行" in page
    job = Job.objects.get()
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
    names = sorted(row[0].value for row in sheet.iter_rows(min_row=2))
    # The filter and the exporter's visibility hold in the worker too.
    assert names == ["东糖物流", "东糖纸业", "广西东糖集团"]
    assert client_for(system.alice).get(f"/jobs/{job.pk}/download/").status_code == 404


def test_a_small_export_still_streams_at_once(system, client_for, settings):
    settings.EXPORT_ASYNC_ROWS = 2
    f.EnterpriseFactory(committee=system.county, name="怡黄木业")
    response = client_for(system.bob).get("/enterprises/", {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Job.objects.count() == 0
