"""The sentence embedder: unit vectors, and no more BLAS threads than its process allows."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

from newsweave.stages.embed import UseEmbedder


def test_the_embedder_keeps_to_the_blas_threads_its_process_allows():
    # A server keeps to one BLAS thread; the model sets its own count for every call it makes.
    with threadpool_limits(1, user_api="blas"):
        limited = UseEmbedder()
    assert limited.threads == limited._model.threads == 1
    assert UseEmbedder(threads=2).threads == 2
    vectors = limited.encode(["Un séisme frappe l'ouest de l'Iran", "زلزال يضرب غرب إيران"])
    assert vectors.shape == (2, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > 0.5  # one happening in two languages
