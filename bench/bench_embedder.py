"""Embedder throughput: torch, ONNX fp32, ONNX int8, against the raw encoder forward pass.

The raw forward pass is the model's own speed on pre-tokenized, length-sorted batches (no
tokenization, pooling or copies): the ratio tells how close each pipeline gets to it.
Median of five runs after a warm-up, all in one process on the same texts.

Run: .venv/bin/python -m bench.bench_embedder [--texts 256]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import warnings
from pathlib import Path

from bench.common import median_time, write_result
from copilot.backends.embedder import SentenceTransformerEmbedder, default_model_path
from copilot.backends.onnx_embedder import OnnxInt8Embedder, _pooled_encoder

DOC2DIAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "doc2dial_val"
DEMO = Path(__file__).resolve().parents[1] / "copilot" / "demo" / "data"


def sample_texts(n: int) -> tuple[list[str], str]:
    """About ``n`` passages of 40-150 words from real articles."""
    source = DOC2DIAL / "articles.jsonl"
    name = "doc2dial articles"
    if not source.exists():
        source, name = DEMO / "articles.jsonl", "demo articles"
    texts: list[str] = []
    for line in source.read_text().splitlines():
        words = json.loads(line)["body"].split()
        for i in range(0, len(words), 120):
            piece = words[i : i + 40 + (i * 7) % 110]
            if len(piece) >= 20:
                texts.append(" ".join(piece))
        if len(texts) >= n:
            break
    return texts[:n], name


class OnnxFp32:
    """The same pooled graph exported in fp32 (no quantization), run by onnxruntime."""

    def __init__(self, tmp: Path) -> None:
        import onnxruntime as ort
        import torch
        from tokenizers import Tokenizer

        path = default_model_path()
        ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
        target = tmp / "fp32.onnx"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _pooled_encoder(path),
                (ids, (ids != 0).long()),
                str(target),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}},
                opset_version=17,
                dynamo=False,
            )
        self.session = ort.InferenceSession(str(target), providers=["CPUExecutionProvider"])
        self.tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tok.enable_truncation(max_length=256)
        self.tok.enable_padding()

    def embed(self, texts: list[str]) -> None:
        import numpy as np

        order = sorted(texts, key=len)
        for i in range(0, len(order), 32):
            enc = self.tok.encode_batch(order[i : i + 32])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            self.session.run(None, {"input_ids": ids, "attention_mask": mask})


def raw_forward(texts: list[str]):  # type: ignore[no-untyped-def]
    """A closure running only the transformer forward pass on pre-built tensors."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = default_model_path()
    tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    model = AutoModel.from_pretrained(str(path), local_files_only=True).eval()
    order = sorted(texts, key=len)
    batches = [
        tok(order[i : i + 32], padding=True, truncation=True, max_length=256, return_tensors="pt")
        for i in range(0, len(order), 32)
    ]

    def run() -> None:
        with torch.inference_mode():
            for b in batches:
                model(**b)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=256)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts, source = sample_texts(args.texts)
    torch_embedder = SentenceTransformerEmbedder(batch_size=32)
    with tempfile.TemporaryDirectory(prefix="bench-embed-") as tmp:
        int8 = OnnxInt8Embedder(cache_dir=Path(tmp), batch_size=32)
        fp32 = OnnxFp32(Path(tmp))
        timings = {
            "raw_forward_torch": median_time(raw_forward(texts), runs=args.runs),
            "sentence_transformers_torch": median_time(
                lambda: torch_embedder.embed_documents(texts), runs=args.runs
            ),
            "onnx_fp32": median_time(lambda: fp32.embed(texts), runs=args.runs),
            "onnx_int8": median_time(lambda: int8.embed_documents(texts), runs=args.runs),
        }
    base = timings["raw_forward_torch"]["median_s"]
    torch_s = timings["sentence_transformers_torch"]["median_s"]
    rows = {
        name: {
            "median_s": round(t["median_s"], 3),
            "texts_per_s": round(len(texts) / t["median_s"], 1),
            "speed_vs_raw_forward": round(base / t["median_s"], 2),
            "speed_vs_torch_pipeline": round(torch_s / t["median_s"], 2),
        }
        for name, t in timings.items()
    }
    for name, row in rows.items():
        print(f"{name:30s} {row}")
    write_result(
        "embedder", {"texts": len(texts), "source": source, "batch_size": 32, "results": rows}
    )


if __name__ == "__main__":
    main()
