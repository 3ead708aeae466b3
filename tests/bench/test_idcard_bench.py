"""The ID-card corpus (deterministic, manifest round-trip, truthful) and the bench on a tiny corpus."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from kiosk.bench import idcard_bench
from kiosk.bench.idcard_bench import GROUPS, METHODS, BenchResult, format_result, judge, run_bench
from kiosk.bench.idcard_corpus import (
    CONDITIONS,
    FRAME_SIZE,
    KIND_CYCLE,
    MANIFEST,
    CorpusFrame,
    generate,
    iter_corpus,
    load_corpus,
    mrz_name_words,
)
from kiosk.bench.report import format_table, percent
from kiosk.cli import main
from kiosk.domain.idcard import IdentityReading, ReadingSource, Sex, parse_qr_payload

TINY = 3  # frames per condition: a 2021 front (QR), a 2024 back (QR + MRZ), a 2021 back (MRZ only)


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    generate(directory, TINY, seed=7)
    return directory


@pytest.fixture(scope="module")
def one_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One frame per condition, same seed: what the CLI and the determinism tests need (a third of the
    tiny corpus's cost)."""
    directory = tmp_path_factory.mktemp("one")
    generate(directory, 1, seed=7)
    return directory


@pytest.fixture(scope="module")
def tiny_result(tiny_corpus: Path) -> BenchResult:
    return run_bench(tiny_corpus)


# ------------------------------------------------------------------------------------------- corpus


def test_the_same_seed_writes_the_same_bytes(one_corpus: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", 1, seed=7)
    assert [f.file for f in again.frames] == [f.file for f in load_corpus(one_corpus).frames]
    for frame in again.frames:
        assert (tmp_path / "again" / frame.file).read_bytes() == (one_corpus / frame.file).read_bytes()
    assert (tmp_path / "again" / MANIFEST).read_text(encoding="utf-8") == (
        one_corpus / MANIFEST).read_text(encoding="utf-8")


def test_another_seed_gives_other_people_and_a_longer_corpus_starts_the_same(
        tiny_corpus: Path, one_corpus: Path, tmp_path: Path) -> None:
    other = generate(tmp_path / "other", 1, seed=8, conditions=CONDITIONS[:1])  # frame 0 is all it needs
    tiny = load_corpus(tiny_corpus)
    assert other.frames[0].id_number != tiny.frames[0].id_number
    prefix = load_corpus(one_corpus)  # frame i depends on (seed, condition, i) only
    assert prefix.frames[0] == tiny.frames[0]
    assert (one_corpus / prefix.frames[0].file).read_bytes() == (
        tiny_corpus / tiny.frames[0].file).read_bytes()


def test_the_manifest_round_trips(tiny_corpus: Path) -> None:
    corpus = load_corpus(tiny_corpus)
    assert corpus.seed == 7 and corpus.count_per_condition == TINY and corpus.frame_size == FRAME_SIZE
    assert corpus.conditions == CONDITIONS
    assert len(corpus.frames) == TINY * len(CONDITIONS)
    for frame in corpus.frames:
        assert CorpusFrame.from_json_dict(json.loads(json.dumps(frame.to_json_dict()))) == frame
    images = list(iter_corpus(tiny_corpus))
    assert [f for f, _ in images] == list(corpus.frames)
    for _, image in images:
        assert image.shape == (FRAME_SIZE[1], FRAME_SIZE[0], 3) and image.dtype == np.uint8


def test_the_ground_truth_agrees_with_the_codes_and_the_conditions(tiny_corpus: Path) -> None:
    corpus = load_corpus(tiny_corpus)
    conditions = {c.name: c for c in corpus.conditions}
    for frame in corpus.frames:
        kind = KIND_CYCLE[frame.index % len(KIND_CYCLE)]
        assert (frame.generation, frame.side, frame.codes) == (kind.generation, kind.side, kind.codes)
        if frame.qr_payload is not None:
            reading = parse_qr_payload(frame.qr_payload)
            assert (reading.id_number, reading.full_name, reading.date_of_birth) == (
                frame.id_number, frame.full_name, frame.date_of_birth)
        if frame.mrz is not None:
            assert frame.mrz[0][15:27] == frame.id_number and mrz_name_words(frame.mrz[2]) == frame.mrz_name
        condition = conditions[frame.condition]
        scene = frame.scene
        assert condition.size[0] - 1e-3 <= scene["size"] <= condition.size[1] + 1e-3
        assert abs(scene["angle_deg"]) <= condition.rotation_deg
        assert condition.blur_sigma[0] <= scene["blur_sigma"] <= condition.blur_sigma[1]
        if condition.jpeg_quality is None:
            assert frame.file.endswith(".png") and scene["jpeg_quality"] is None
        else:
            assert frame.file.endswith(".jpg")
            assert condition.jpeg_quality[0] <= scene["jpeg_quality"] <= condition.jpeg_quality[1]
        corners = np.array(scene["corners"])  # the whole card is in view
        assert (corners >= 0).all() and (corners[:, 0] <= FRAME_SIZE[0]).all()
        assert (corners[:, 1] <= FRAME_SIZE[1]).all()


def test_people_vary(tiny_corpus: Path) -> None:
    frames = load_corpus(tiny_corpus).frames
    assert len({f.full_name for f in frames}) >= 7 and len({f.address for f in frames}) >= 7
    assert len({f.id_number for f in frames}) == len(frames)
    assert {f.sex for f in frames} == {"M", "F"} and {f.generation for f in frames} == {"2021", "2024"}


# -------------------------------------------------------------------------------------------- judge


def reading(id_number: str, name: str, dob: date, source: ReadingSource = "qr") -> IdentityReading:
    return IdentityReading(source=source, id_number=id_number, full_name=name, date_of_birth=dob,
                           sex=Sex.MALE)


def test_judge_needs_id_name_and_date_of_birth(tiny_corpus: Path) -> None:
    qr_frame, _, mrz_frame = load_corpus(tiny_corpus).frames[:3]
    assert qr_frame.group == "qr" and mrz_frame.group == "mrz"
    right = reading(qr_frame.id_number, qr_frame.full_name, qr_frame.date_of_birth)
    assert judge(qr_frame, right) == "read"
    assert judge(qr_frame, None) == "miss"
    assert judge(qr_frame, reading(qr_frame.id_number, qr_frame.full_name + "x",
                                   qr_frame.date_of_birth)) == "misread"
    assert judge(qr_frame, reading(qr_frame.id_number, qr_frame.full_name, date(1900, 1, 1))) == "misread"
    # An MRZ reading spells the name the MRZ way; the card's own spelling would be wrong there.
    assert judge(mrz_frame, reading(mrz_frame.id_number, mrz_frame.mrz_name, mrz_frame.date_of_birth,
                                    "mrz")) == "read"
    assert judge(mrz_frame, reading(mrz_frame.id_number, mrz_frame.full_name, mrz_frame.date_of_birth,
                                    "mrz")) == "misread"
    no_code = dataclasses.replace(qr_frame, codes=())
    assert no_code.group == "none" and judge(no_code, right) == "misread"


# -------------------------------------------------------------------------------------------- bench


def test_the_bench_numbers_are_sane(tiny_result: BenchResult) -> None:
    conditions = [c.name for c in CONDITIONS]
    assert {(r.condition, r.group, r.method) for r in tiny_result.rows} == {
        (c, g, m) for c in conditions for g in ("qr", "mrz") for m in METHODS}
    for row in tiny_result.rows:
        assert row.frames == (2 if row.group == "qr" else 1)
        assert 0 <= row.read <= row.frames and 0 <= row.misread <= row.frames - row.read
        assert row.read_rate is not None and 0 <= row.read_rate <= 1
        assert row.misread_rate is not None and 0 <= row.misread_rate <= 1
        assert row.median_ms is not None and row.p95_ms is not None and 0 < row.median_ms <= row.p95_ms
        assert row.vs_zxing is not None and row.vs_zxing > 0
        if row.method == "ours":
            assert row.misread == 0
        if row.method == "zxing":
            assert row.vs_zxing == pytest.approx(1.0)
    for condition in conditions:
        ours = tiny_result.row(condition, "qr", "ours")
        assert ours.read >= tiny_result.row(condition, "qr", "zxing").read
        # No library reads an MRZ.
        assert tiny_result.row(condition, "mrz", "zxing").read == 0
    assert tiny_result.row("easy", "qr", "ours").read == 2
    assert tiny_result.frame_errors == ()
    assert tiny_result.warmup_frames == 2  # one QR and one MRZ-only frame (no code-less frame in 3)


def test_the_table_and_the_json_carry_the_same_numbers(tiny_result: BenchResult) -> None:
    table = format_result(tiny_result)
    for name in [c.name for c in CONDITIONS] + list(METHODS):
        assert name in table
    for condition in CONDITIONS:
        assert condition.describe() in table
    data = json.loads(json.dumps(tiny_result.to_json_dict()))
    assert data["count_per_condition"] == TINY and data["seed"] == 7
    assert len(data["rows"]) == len(tiny_result.rows)
    first = data["rows"][0]
    row = tiny_result.row(first["condition"], first["group"], first["method"])
    assert first["read"] == row.read and first["frames"] == row.frames
    assert f"{row.read}/{row.frames}" in table


def test_the_bench_generates_into_a_temporary_folder_when_given_none(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []
    real_generate = idcard_bench.generate

    def spy(directory: Path, count: int, seed: int) -> object:
        seen.append(Path(directory))
        return real_generate(directory, count, seed, conditions=CONDITIONS[:1])

    monkeypatch.setattr(idcard_bench, "generate", spy)
    result = run_bench(None, count=1, seed=2)
    assert result.corpus_dir is None and len(seen) == 1 and not seen[0].exists()
    assert [r.condition for r in result.rows] == ["easy"] * len(METHODS)


def test_the_cli_prints_the_table_or_json(one_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "idcard", str(one_corpus), "--sequences", "0"]) == 0
    out = capsys.readouterr().out
    assert "ID-card bench" in out and "ours" in out and "hard" in out
    assert "QR read, easy + medium" in out and "median CPU ms per QR frame" in out
    assert "Time to read" not in out  # --sequences 0 leaves the live table out
    assert main(["bench", "idcard", str(one_corpus), "--json", "--sequences", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["bench"] == "idcard" and data["corpus_dir"] == str(one_corpus) and data["live"] is None
    assert {g["what"] for g in data["goals"]} >= {"QR read, easy + medium", "misreads (ours, every frame)"}
    assert {row["group"] for row in data["rows"]} <= set(GROUPS)
    assert main(["bench", "idcard", "--count", "0"]) == 2


def test_the_cli_reports_a_foreign_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / MANIFEST).write_text('{"something": "else"}', encoding="utf-8")
    assert main(["bench", "idcard", str(tmp_path)]) == 2
    assert "manifest" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------- report


def test_the_table_printer_aligns_columns() -> None:
    table = format_table(("name", "rate", "ms"), [["ours", percent(0.5), 1.5], None, ["zxing", "—", 10.0]])
    lines = table.splitlines()
    assert lines[0] == "name    rate    ms"
    assert lines[2] == "ours   50.0%   1.5"
    assert set(lines[3]) == {"-", " "}
    assert lines[4] == "zxing      —  10.0"
    with pytest.raises(ValueError):
        format_table(("a", "b"), [["only one"]])


def test_the_cli_prints_the_live_table_beside_the_per_frame_one(
        one_corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.bench import idcard_live

    asked: list[tuple[int, int]] = []

    def small_live(count: int, seed: int, **_: object) -> idcard_live.LiveResult:
        asked.append((count, seed))  # the sequences themselves are tested in test_idcard_live
        play = idcard_live.Play("s", "qr", "easy", "steady", "ours", "read", 0.8, 12, 60.0)
        return idcard_live.LiveResult(seed, idcard_live.FPS, idcard_live.DURATION_S, (play,))

    monkeypatch.setattr(idcard_live, "run_live", small_live)
    assert main(["bench", "idcard", str(one_corpus), "--sequences", "2", "--live-seed", "9"]) == 0
    out = capsys.readouterr().out
    assert asked == [(2, 9)]
    assert out.index("ID-card bench") < out.index("Time to read") and "seed 9" in out


def test_the_goals_are_judged_on_the_run(tiny_result: BenchResult) -> None:
    goals = {g.what: g for g in tiny_result.goals}
    easy_medium = goals["QR read, easy + medium"]
    reads = sum(tiny_result.row(c, "qr", "ours").read for c in ("easy", "medium"))
    assert easy_medium.measured.startswith(f"{reads}/4") and easy_medium.met == (reads == 4)
    assert goals["misreads (ours, every frame)"].met is True
    assert "points" in goals["QR read, hard: ours − zxing-cpp alone"].measured
