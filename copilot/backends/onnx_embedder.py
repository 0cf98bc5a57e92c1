"""An int8 ONNX copy of the local sentence-transformers model, for fast CPU ingestion.

The first use exports the local model directory with ``torch.onnx.export`` (mean pooling and
normalisation included in the graph), quantizes its MatMul weights to int8 per channel with
``onnxruntime.quantization.quantize_dynamic``, and caches the result; later runs only load the
cached file with onnxruntime. Nothing is downloaded. Vectors stay within about 0.99 cosine of
the torch model, but they are not identical, so the index records a distinct model id: switch
embedders only together with a fresh ingest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from copilot.backends.embedder import TokenStates, Vectors, default_model_path
from copilot.errors import ConfigError

log = logging.getLogger(__name__)

EXPORT_VERSION = "1"  # bump when the export or quantization recipe changes


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/support-copilot`` or ``~/.cache/support-copilot``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "support-copilot"


def model_fingerprint(model_dir: Path) -> str:
    """Short hash of the model's configuration and weight files (names, sizes, config text)."""
    digest = hashlib.sha256(EXPORT_VERSION.encode())
    for file in sorted(model_dir.rglob("*")):
        if file.is_file() and not file.name.startswith("."):
            digest.update(f"{file.relative_to(model_dir)}:{file.stat().st_size}".encode())
            if file.suffix == ".json":
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def quantized_model_path(model_dir: Path, cache_dir: Path) -> Path:
    """Where the int8 export of ``model_dir`` lives (built on first use)."""
    target = cache_dir / "onnx" / f"{model_dir.name}-{model_fingerprint(model_dir)}-int8.onnx"
    if not target.exists():
        export_int8(model_dir, target)
    return target


def export_int8(model_dir: Path, target: Path) -> None:
    """Export ``model_dir`` to ONNX and write its dynamically quantized int8 copy to ``target``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    log.info("Exporting %s to int8 ONNX at %s (once)", model_dir.name, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        fp32 = Path(tmp) / "model.onnx"
        pooled = _pooled_encoder(model_dir)
        ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
        mask = (ids != 0).long()  # a padded row, so the traced graph keeps the mask path
        axes = {0: "batch", 1: "tokens"}
        with warnings.catch_warnings():
            # The TorchScript exporter warns that it is legacy and that traced shapes become
            # constants; the graph is checked against the torch model in the integration tests.
            warnings.simplefilter("ignore")
            torch.onnx.export(
                pooled,
                (ids, mask),
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"}},
                opset_version=17,
                dynamo=False,
            )
        partial = Path(tmp) / "model-int8.onnx"
        hint = _DropLogRecord("Please consider to run pre-processing")
        logging.getLogger().addFilter(hint)  # onnxruntime logs this hint on the root logger
        try:
            quantize_dynamic(
                str(fp32),
                str(partial),
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
            )
        finally:
            logging.getLogger().removeFilter(hint)
        os.replace(partial, target)  # atomic: a concurrent reader never sees half a file


class _DropLogRecord(logging.Filter):
    """Drops records whose message starts with a given text."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.prefix)


def _pooled_encoder(model_dir: Path) -> Any:
    """The model as a torch module that returns normalized mean-pooled vectors."""
    import torch
    from transformers import AutoModel

    class PooledEncoder(torch.nn.Module):
        """Transformer, mean pooling over real tokens, L2 normalisation."""

        def __init__(self) -> None:
            super().__init__()
            self.model = AutoModel.from_pretrained(str(model_dir), local_files_only=True)
            self.model.eval()

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask)[0]
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            summed = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(summed, p=2.0, dim=-1)

    return PooledEncoder()


class OnnxInt8Embedder:
    """The local model as int8 ONNX under onnxruntime: batched, sorted by length, normalized."""

    query_is_passage = True  # no query or passage prefix

    def __init__(
        self,
        model_path: str | Path = "",
        *,
        cache_dir: Path | None = None,
        batch_size: int = 32,
        threads: int = 0,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = Path(model_path) if model_path else default_model_path()
        if not (path / "tokenizer.json").is_file():
            raise ConfigError(
                f"{path} has no tokenizer.json: set embedder.model_path to a local "
                "sentence-transformers model folder with a fast tokenizer."
            )
        self._path = path
        self._batch_size = batch_size
        self._max_tokens = _max_seq_length(path)
        self._counter = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._counter.no_truncation()
        self._counter.no_padding()
        self._encoder = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._encoder.enable_truncation(max_length=self._max_tokens)
        self._encoder.no_padding()  # each batch is padded to its longest (``_inputs``)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or (os.cpu_count() or 1)
        # Idle worker threads sleep instead of spinning: on a machine whose cores other
        # processes share, spinning threads burn the time the busy ones need (measured on 2
        # shared cores: 192 doc2dial passages in 14.0 s instead of 20.0 s, median of 4).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        onnx_file = token_states_path(quantized_model_path(path, cache_dir or default_cache_dir()))
        self._session = ort.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self._dimension = int(self._session.get_outputs()[0].shape[1] or 0) or self._probe_dim()

    def _probe_dim(self) -> int:
        return int(self._vectors(self._encoder.encode_batch(["probe"])).shape[1])

    @property
    def model_id(self) -> str:
        return f"{self._path.name}-onnx-int8"

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def max_tokens(self) -> int:
        return self._max_tokens

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        encoded = self._counter.encode_batch(list(texts), add_special_tokens=False)
        return [len(e.ids) for e in encoded]

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        encoded = self._encoder.encode_batch(list(texts))
        for rows in self._batches(encoded):
            out[rows] = self._vectors([encoded[i] for i in rows])
        return out

    def _batches(self, encoded: Sequence[Any]) -> Iterator[list[int]]:
        """Row indices of ``encoded`` in batches of similar length (shortest first), each of at
        most ``batch_size`` rows and, past one row, at most ``TOKEN_BUDGET`` padded tokens."""
        lengths = [len(e.ids) for e in encoded]
        yield from token_batches(lengths, rows=self._batch_size, budget=TOKEN_BUDGET)

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([text])[0]
        return vector

    def embed_with_token_states(self, texts: Sequence[str]) -> tuple[Vectors, list[TokenStates]]:
        """Vectors of ``texts`` (as ``embed_documents``) and, from the same forward pass, each
        text's final token states with their character offsets (padding left out)."""
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        states: list[TokenStates | None] = [None] * len(texts)
        encoded = self._encoder.encode_batch(list(texts))
        for rows in self._batches(encoded):
            batch = [encoded[i] for i in rows]
            vectors, hidden = self._session.run(["embedding", TOKEN_STATES], _inputs(batch))
            out[rows] = vectors
            for n, (row, enc) in enumerate(zip(rows, batch, strict=True)):
                real = len(enc.ids)
                offsets = np.asarray(enc.offsets[:real], dtype=np.int32).reshape(-1, 2)
                states[row] = TokenStates(offsets, np.asarray(hidden[n, :real], dtype=np.float32))
        return out, [s for s in states if s is not None]

    def _vectors(self, batch: Sequence[Any]) -> Vectors:
        """The model's vectors of one batch of encodings."""
        result = self._session.run(["embedding"], _inputs(batch))[0]
        return np.asarray(result, dtype=np.float32)


# Padded tokens per batch. On 2 cores a batch of long passages runs fastest at 2-4 rows and
# one of short questions at 16-32 (doc2dial: 256-token passages 8.2-8.9 ms each in batches of
# 2-4 against 12.8 in batches of 32; 14-token questions 0.85 ms in batches of 16, 1.25 in 4):
# the attention and feed-forward activations of a larger batch no longer fit in the caches.
# A whole ingest took 0.87x the time of 32-text batches at this budget, 0.90x at 1,024.
TOKEN_BUDGET = 512


def token_batches(lengths: Sequence[int], *, rows: int, budget: int) -> Iterator[list[int]]:
    """Indices into ``lengths`` sorted by length (stable), cut into batches of at most
    ``rows`` indices whose count times their longest length stays within ``budget`` (a text
    longer than the budget goes alone)."""
    batch: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        longest = max(1, lengths[i])  # sorted: the newest is the longest
        if batch and (len(batch) >= rows or (len(batch) + 1) * longest > budget):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def _inputs(encoded: Sequence[Any]) -> dict[str, Any]:
    """Token ids and attention mask of a batch, padded to its longest with id 0 (the
    tokenizers library's default padding)."""
    longest = max(len(e.ids) for e in encoded)
    ids = np.zeros((len(encoded), longest), dtype=np.int64)
    mask = np.zeros((len(encoded), longest), dtype=np.int64)
    for row, enc in enumerate(encoded):
        ids[row, : len(enc.ids)] = enc.ids
        mask[row, : len(enc.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask}


TOKEN_STATES = "token_states"


def token_states_path(model_file: Path) -> Path:
    """A copy of ``model_file`` that also outputs the masked final token states (the input
    of its mean pooling) as ``token_states``; made once next to it, atomically."""
    target = model_file.with_name(f"{model_file.stem}-states.onnx")
    if target.exists():
        return target
    import onnx

    model = onnx.load(str(model_file))
    graph = model.graph
    # The mean pooling's sum (the last ReduceSum) reads the masked final token states.
    pooled = [n for n in graph.node if n.op_type == "ReduceSum"][-1]
    graph.node.append(onnx.helper.make_node("Identity", [pooled.input[0]], [TOKEN_STATES]))
    graph.output.append(
        onnx.helper.make_tensor_value_info(TOKEN_STATES, onnx.TensorProto.FLOAT, None)
    )
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".onnx", delete=False) as tmp:
        onnx.save(model, tmp.name)
    os.replace(tmp.name, target)
    return target


def _max_seq_length(model_dir: Path) -> int:
    config = model_dir / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text()).get("max_seq_length") or 256)
    return 256
