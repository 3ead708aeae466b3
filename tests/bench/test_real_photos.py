"""The real-photo tables: photos come from a git snapshot by repository, commit and path (here a tiny
repository made on the spot), are scored against the manifest's corners, and are skipped with a clear
message when the snapshot is absent."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.bench import real_photos
from kiosk.bench.real_photos import (
    _is_upright,
    _turn,
    format_documents,
    format_passports,
    load_manifest,
    run_documents,
    run_passports,
)

CORNERS = [[150, 100], [850, 120], [830, 1080], [170, 1060]]


def page_photo() -> bytes:
    image = np.full((1200, 1000, 3), (60, 70, 80), np.uint8)
    cv2.fillConvexPoly(image, np.array(CORNERS, np.int32), (235, 235, 230))
    for y in range(200, 1000, 40):
        cv2.putText(image, "Giay to mau so 12 - trang 1", (220, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9,
                    (30, 30, 30), 2)
    ok, data = cv2.imencode(".jpg", image)
    assert ok
    return data.tobytes()


@pytest.fixture
def mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """A bare repository at <mirrors>/someone+photos/repo holding one photo; returns (repo, commit)."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "page.jpg").write_bytes(page_photo())
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for cmd in (["init", "-q"], ["add", "page.jpg"], ["commit", "-qm", "photo"]):
        subprocess.run(["git", *cmd], cwd=work, env=env, check=True, timeout=30)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, env=env, check=True, capture_output=True,
                            text=True, timeout=30).stdout.strip()
    mirrors = tmp_path / "mirrors"
    subprocess.run(["git", "clone", "-q", "--mirror", str(work), str(mirrors / "someone+photos" / "repo")],
                   env=env, check=True, timeout=30)
    monkeypatch.setenv("DVC_REAL_PHOTOS_MIRRORS", str(mirrors))
    return "someone/photos", commit


def test_the_manifests_name_a_commit_and_our_corners_for_every_photo() -> None:
    documents = load_manifest("documents.json")["photos"]
    assert len(documents) >= 30 and len({entry["repo"] for entry in documents}) >= 5
    for entry in documents:
        assert len(entry["commit"]) == 40 and len(entry["corners"]) == 4
        assert entry["licence"] and entry["what"]
        assert entry.get("up", "text") in ("text", "none")
    assert len({entry["name"] for entry in documents}) == len(documents)
    assert len(load_manifest("passports.json")["documents"]) >= 30


def test_a_photo_is_scored_from_the_snapshot(mirror: tuple[str, str]) -> None:
    repo, commit = mirror
    manifest = {"photos": [{"name": "photos:page.jpg", "repo": repo, "commit": commit, "path": "page.jpg",
                            "licence": "test", "what": "a page", "corners": CORNERS}]}
    result = run_documents(manifest=manifest, turns=True)
    assert not result.skipped
    row = result.rows[0]
    assert row.iou["ours"] > 0.95 and row.found["ours"]
    assert len(row.upright) == 4  # as photographed and turned three times (whether right: see below)
    assert row.page_kb > 0 and row.cpu_s > 0
    text = format_documents(result)
    assert "mean IoU" in text and "OpenCV Canny+contour" in text
    # CPU as a ratio to the OpenCV recipe measured on the same photo in the same run.
    assert row.baseline_cpu_s > 0 and result.summary()["cpu_ratio_large"] > 0 and "(ours ×" in text
    assert len(row.orientation) == 4 and set(row.orientation) <= {"ocr", "text", "none"}
    summary = result.summary()  # uprightness split at 100 dpi (below it OCR is not asked)
    split = [summary[k].split("/") for k in ("upright_100dpi", "upright_low_dpi")]
    assert sum(int(of) for _, of in split) == 4 and row.effective_dpi < 100 and split[1][1] == "4"
    assert "pages ≥ 100 dpi / below" in text


def test_a_page_with_no_up_is_not_scored_for_uprightness(mirror: tuple[str, str]) -> None:
    repo, commit = mirror
    entry = {"name": "photos:page.jpg", "repo": repo, "commit": commit, "path": "page.jpg", "licence": "test",
             "what": "a page", "corners": CORNERS}
    blank = {**entry, "name": "photos:grid.jpg", "up": "none",
             "corners": [CORNERS[2], CORNERS[3], *CORNERS[:2]]}
    result = run_documents(manifest={"photos": [entry, blank]}, turns=True)
    scored, unscored = result.rows
    assert scored.has_up and len(scored.upright) == 4
    assert not unscored.has_up and len(unscored.upright) == 1  # only as photographed: no turns to judge
    assert result.summary()["upright_pages"].endswith("/4")
    assert "no up (not scored)" in format_documents(result)


def test_a_snapshot_with_a_work_tree_is_read_too(mirror: tuple[str, str], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    repo, commit = mirror
    clone = tmp_path / "clones" / "someone+photos" / "repo"
    subprocess.run(["git", "clone", "-q", str(tmp_path / "mirrors" / "someone+photos" / "repo"), str(clone)],
                   check=True, timeout=30, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    monkeypatch.setenv("DVC_REAL_PHOTOS_MIRRORS", str(tmp_path / "clones"))
    assert real_photos.git_dir(repo) == clone / ".git"
    assert real_photos.read_blob(repo, commit, "page.jpg") == page_photo()


def test_absent_snapshots_are_skipped_with_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVC_REAL_PHOTOS_MIRRORS", str(tmp_path / "nothing"))
    documents = run_documents(turns=False)
    assert documents.rows == [] and len(documents.skipped) >= 12
    message = format_documents(documents)
    assert "skipped" in message and "DVC_REAL_PHOTOS_MIRRORS" in message
    passports = run_passports()
    assert passports.rows == [] and "skipped" in format_passports(passports)
    assert real_photos.read_blob("nobody/none", "0" * 40, "x.jpg") is None


def test_turning_a_photo_turns_its_annotation() -> None:
    image = np.zeros((100, 200, 3), np.uint8)
    image[10, 20] = 255  # a marked pixel at (x=20, y=10)
    corners = np.array([[20.0, 10.0], [180, 10], [180, 90], [20, 90]])
    for quarter in range(4):
        turned, pts = _turn(image, corners, quarter)
        y, x = np.argwhere(turned[:, :, 0] == 255)[0]
        assert np.allclose(pts[0], (x, y), atol=1.0)


def test_upright_means_the_output_starts_at_the_annotated_top_left() -> None:
    truth = np.array([[0.0, 0], [100, 0], [100, 200], [0, 200]])
    assert _is_upright(truth, 0, truth)
    assert not _is_upright(truth, 180, truth)
    sideways = np.array([[100.0, 0], [100, 200], [0, 200], [0, 0]])  # the page's top-left is the image's TR
    assert _is_upright(truth, 270, sideways)
