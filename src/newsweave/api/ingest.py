"""Write endpoints: POST /api/ingest starts a job (202), GET /api/jobs/{id} follows it."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, Security

from newsweave.api import schemas
from newsweave.api.auth import require_key
from newsweave.api.errors import INVALID, KEYED, NOT_FOUND, NOT_JSON, ApiError
from newsweave.api.jobs import Job
from newsweave.api.routes import Id

router = APIRouter(prefix="/api", responses=INVALID)
# GET /api/jobs/{id} is a read: create_app adds the read key check to it with the other reads.
jobs_router = APIRouter(prefix="/api", responses=INVALID)


def job_json(job: Job) -> dict:
    report = job.report
    return {"id": job.id, "status": job.status, "created_at": job.created_at, "started_at": job.started_at,
            "finished_at": job.finished_at, "progress": {"done": job.done, "total": job.total},
            "ingested": report.ingested, "duplicates": report.duplicates,
            "failed": report.as_json()["failed"], "article_ids": list(report.article_ids), "error": job.error}


@router.post("/ingest", status_code=202, response_model=schemas.JobOut, responses={**KEYED, **NOT_JSON},
             dependencies=[Security(require_key)],
             summary="ingest articles (as JSONL lines) and feed or page URLs, in the background")
def ingest(request: Request, response: Response, body: schemas.IngestRequest) -> dict:
    job = request.app.state.jobs.submit(body)
    response.headers["Location"] = f"/api/jobs/{job.id}"
    return job_json(job)


@jobs_router.get("/jobs/{job_id}", response_model=schemas.JobOut, responses=NOT_FOUND,
                 summary="an ingest job's status and progress")
def job(request: Request, job_id: Id) -> dict:
    found = request.app.state.jobs.get(job_id)
    if found is None:
        raise ApiError(404, f"no job {job_id!r} (jobs are kept in memory until the server restarts)")
    return job_json(found)
