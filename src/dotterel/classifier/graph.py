"""Leaner ONNX graphs for the event classifier: the same numbers with fewer nodes, and less work.

``torch.onnx.export`` writes the encoder's shapes as arithmetic on the input's shape (each
attention layer reshapes its query, key and value through ``Shape``, ``Gather``, ``Unsqueeze``
and ``Concat``), rebuilds the padding mask as a ``[batch, 1, length, length]`` tensor, and
guards each softmax against rows with every key masked. For a model fed by
:class:`~dotterel.classifier.EventClassifier` none of this needs computing at run time:

- a reshape's target shape is a constant once its batch and length are written as ``0``
  (copy that dimension) or ``-1`` (the rest);
- the padding mask is one ``[batch, 1, 1, length]`` additive mask that every layer shares
  (the encoder has no causal part);
- no softmax row has every key masked, as ``[CLS]`` is never padding.

About half the nodes go and the classifier's run time falls by about 7% (docs/classifier.md,
"Design"). :func:`simplify` runs both graphs on probe batches with padding and keeps the new
one only when every output is bit-for-bit the same, so a graph of another shape is left as it
was.

A further step, :func:`head_rows`, is not exact: the last layer computes only the rows the
head reads ([CLS] and the three markers), about a quarter of the encoder's work saved. Its
activations are then quantised over those rows alone, so class probabilities move a little
(news_dev's candidates: at most 0.09, on average 0.001); it is kept when they stay within
``HEAD_ROWS_TOLERANCE`` on the probes.

``dotterel train`` applies both to what it exports, before it calibrates the model;
``python -m dotterel.classifier.graph [--head-rows] MODEL.onnx`` rewrites a model written
before (in place, after the same checks).

Needs the ``onnx`` package (the ``train`` extra); run time needs only onnxruntime.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# the two probe sizes whose shapes tell a batch or length dimension from a constant (neither
# is a head count, a head size or a product of the other's)
PROBES = ((2, 7), (3, 11))


# the steps read constants of a few elements (scalars, target shapes): larger ones (the weights)
# are never converted
SMALL = 16


def _numpy_consts(graph: Any) -> dict[str, Any]:
    """The graph's small constants (initializers and Constant nodes) as arrays, by name."""
    from math import prod

    from onnx import numpy_helper

    tensors = [(i.name, i) for i in graph.initializer]
    tensors += [(n.output[0], n.attribute[0].t) for n in graph.node
                if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value"]
    return {name: numpy_helper.to_array(t) for name, t in tensors if prod(t.dims) <= SMALL}


def _feeds(model: Any, batch: int, length: int, *, padded: bool = False, seed: int = 0) -> dict[str, Any]:
    """Inputs for the classifier's four: token ids, their mask (later rows shorter when
    ``padded``, [CLS] always kept), marker positions and the evidence vector."""
    import numpy as np

    rng = np.random.default_rng(seed)
    width = {i.name: (i.type.tensor_type.shape.dim[1].dim_value or length) for i in model.graph.input}
    mask = np.ones((batch, length), np.int64)
    if padded:
        for row in range(1, batch):
            mask[row, max(1, length - 3 * row):] = 0
    ids = rng.integers(1000, 5000, (batch, length)).astype(np.int64) * mask
    return {
        "input_ids": ids,
        "attention_mask": mask,
        "marker_pos": rng.integers(0, length // 2 + 1, (batch, width.get("marker_pos", 3))).astype(np.int64),
        "evidence": rng.random((batch, width.get("evidence", 1))).astype(np.float32),
    }


def _session(model: Any, optimised: bool = True) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    if not optimised:
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    return ort.InferenceSession(model.SerializeToString(), sess_options=opts, providers=["CPUExecutionProvider"])


def _rename_uses(graph: Any, old: str, new: str) -> None:
    for n in graph.node:
        for k, name in enumerate(n.input):
            if name == old:
                n.input[k] = new


def _static_reshapes(model: Any) -> int:
    """Give each reshape computed from the input's shape a constant target shape; the number
    changed."""
    import numpy as np
    from onnx import helper, numpy_helper

    graph = model.graph
    consts = _numpy_consts(graph)
    reshapes = [n for n in graph.node if n.op_type == "Reshape" and n.input[1] not in consts]
    if not reshapes:
        return 0
    wanted = sorted({x for n in reshapes for x in n.input[:2]})
    probe = type(model)()
    probe.CopyFrom(model)
    del probe.graph.output[:]
    probe.graph.output.extend(helper.make_empty_tensor_value_info(w) for w in wanted)
    session = _session(probe, optimised=False)
    seen = [dict(zip(wanted, session.run(wanted, _feeds(model, b, n)))) for b, n in PROBES]
    changed = 0
    for node in reshapes:
        targets = [s[node.input[1]].tolist() for s in seen]
        dims = [list(s[node.input[0]].shape) for s in seen]
        shape: list[int | None] = []
        for j, value in enumerate(targets[0]):
            if all(t[j] == value for t in targets):
                shape.append(value)  # a constant (a head count, or -1 already)
            elif all(j < len(d) and t[j] == d[j] for t, d in zip(targets, dims)):
                shape.append(0)  # the input's own dimension j
            else:
                shape.append(None)
        if shape.count(None) + shape.count(-1) > 1:
            continue  # more than one dimension to infer: leave it computed
        name = f"{node.name or node.output[0]}/static_shape"
        graph.initializer.append(numpy_helper.from_array(
            np.array([-1 if v is None else v for v in shape], np.int64), name))
        node.input[1] = name
        changed += 1
    return changed


def _scalar(consts: dict[str, Any], name: str) -> float | None:
    value = consts.get(name)
    return float(value.reshape(-1)[0]) if value is not None and value.size == 1 else None


def _shared_padding_mask(model: Any) -> int:
    """One additive padding mask for all layers in place of each layer's ``Where`` over the
    expanded mask; the number of layers changed."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    if "attention_mask" not in {i.name for i in graph.input}:
        return 0
    consts = _numpy_consts(graph)
    users: dict[str, list[Any]] = {}
    for n in graph.node:
        for x in n.input:
            users.setdefault(x, []).append(n)
    masks = [
        n for n in graph.node
        if n.op_type == "Where" and n.output[0] != "padding_mask/additive" and _scalar(consts, n.input[1]) == 0.0 and _scalar(consts, n.input[2]) == float("-inf")
        and any(u.op_type == "Add" and any(v.op_type == "Softmax" for v in users.get(u.output[0], []))
                for u in users.get(n.output[0], []))
    ]
    if not masks:
        return 0
    graph.initializer.extend([
        numpy_helper.from_array(np.array([1, 2], np.int64), "padding_mask/axes"),
        numpy_helper.from_array(np.array(0.0, np.float32), "padding_mask/keep"),
        numpy_helper.from_array(np.array(-np.inf, np.float32), "padding_mask/drop"),
    ])
    graph.node.extend([
        helper.make_node("Cast", ["attention_mask"], ["padding_mask/bool"], name="padding_mask/Cast", to=TensorProto.BOOL),
        helper.make_node("Unsqueeze", ["padding_mask/bool", "padding_mask/axes"], ["padding_mask/keys"],
                         name="padding_mask/Unsqueeze"),
        helper.make_node("Where", ["padding_mask/keys", "padding_mask/keep", "padding_mask/drop"],
                         ["padding_mask/additive"], name="padding_mask/Where"),
    ])
    for n in masks:
        _rename_uses(graph, n.output[0], "padding_mask/additive")
    return len(masks)


def _unguarded_softmax(model: Any) -> int:
    """Drop ``Where(IsNaN(softmax), 0, softmax)``: no row of the classifier's input is all
    padding. The number dropped."""
    graph = model.graph
    made_by = {o: n for n in graph.node for o in n.output}
    consts = _numpy_consts(graph)
    dropped = 0
    for n in list(graph.node):
        test = made_by.get(n.input[0]) if n.op_type == "Where" else None
        if (test is not None and test.op_type == "IsNaN" and test.input[0] == n.input[2]
                and _scalar(consts, n.input[1]) == 0.0 and made_by.get(n.input[2]) is not None
                and made_by[n.input[2]].op_type == "Softmax"):
            _rename_uses(graph, n.output[0], n.input[2])
            dropped += 1
    return dropped


def _prune(model: Any) -> None:
    """Keep only the nodes the outputs need, in an order where each follows its inputs."""
    graph = model.graph
    nodes = list(graph.node)
    made_by = {o: k for k, n in enumerate(nodes) for o in n.output}
    needed: set[int] = set()
    todo = [o.name for o in graph.output]
    while todo:
        k = made_by.get(todo.pop())
        if k is not None and k not in needed:
            needed.add(k)
            todo.extend(nodes[k].input)
    ready = {i.name for i in graph.input} | {i.name for i in graph.initializer} | {""}
    order: list[int] = []
    pending = sorted(needed)
    while pending:
        waiting = []
        for k in pending:
            if all(x in ready for x in nodes[k].input):
                order.append(k)
                ready.update(nodes[k].output)
            else:
                waiting.append(k)
        if len(waiting) == len(pending):
            raise ValueError("the graph has a cycle or an input nobody makes")
        pending = waiting
    kept_nodes = [nodes[k] for k in order]
    del graph.node[:]
    graph.node.extend(kept_nodes)
    used = {x for n in graph.node for x in n.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)


def _probe_outputs(a: Any, b: Any) -> list[tuple[Any, Any]] | None:
    """Both graphs' outputs, pair by pair, on probe batches: one sentence alone (two lengths),
    and three of which two are padded; None when they name different outputs."""
    sa, sb = _session(a), _session(b)
    names = [o.name for o in sa.get_outputs()]
    if names != [o.name for o in sb.get_outputs()]:
        return None
    pairs: list[tuple[Any, Any]] = []
    for seed, (batch, length, padded) in enumerate(((1, 5, False), (1, 23, False), (3, 19, True))):
        feeds = _feeds(a, batch, length, padded=padded, seed=seed)
        pairs += zip(sa.run(names, feeds), sb.run(names, feeds))
    return pairs


def same_outputs(a: Any, b: Any) -> bool:
    """Whether two classifier graphs give bit-identical outputs on probe batches."""
    import numpy as np

    pairs = _probe_outputs(a, b)
    return pairs is not None and all(np.array_equal(x, y) for x, y in pairs)


def simplify(model: Any) -> tuple[Any, dict[str, int]]:
    """A leaner copy of an ONNX classifier graph and what changed (counts by step, and the
    nodes before and after); the model itself (``kept_original``) when the copy's outputs
    differ in any bit, or when the graph is not one these steps can run (other inputs)."""
    work = type(model)()
    work.CopyFrom(model)
    kept = {"nodes_before": len(model.graph.node), "nodes_after": len(model.graph.node), "kept_original": 1}
    try:
        report = {"reshapes": _static_reshapes(work), "padding_masks": _shared_padding_mask(work),
                  "softmax_guards": _unguarded_softmax(work)}
        _prune(work)
        same = same_outputs(model, work)
    except Exception:  # noqa: BLE001 - a graph these steps do not fit (other inputs, other ops) stays as it is
        return model, kept
    if not same:
        return model, {**report, **kept}
    return work, {**report, "nodes_before": len(model.graph.node), "nodes_after": len(work.graph.node)}


# how far a class probability may move when the last layer computes only the head's rows
# (its activations are quantised over those rows alone): measured on news_dev's candidates,
# at most 0.09 and on average 0.001 (docs/classifier.md, "Design")
HEAD_ROWS_TOLERANCE = 0.15


def _users(graph: Any) -> dict[str, list[Any]]:
    users: dict[str, list[Any]] = {}
    for n in graph.node:
        for x in n.input:
            users.setdefault(x, []).append(n)
    return users


def _head_rows_only(model: Any) -> int:
    """Let the last encoder layer compute only the rows the head reads: [CLS] and the three
    markers. Its keys and values still come from every token, so each of those rows attends
    as before; the other rows' queries, attention output and feed-forward (about a quarter of
    the encoder's work) are never computed. 1 when changed, 0 when the graph is not the
    classifier's shape (or already changed)."""
    import re

    import numpy as np
    from onnx import helper, numpy_helper

    graph = model.graph
    by_name = {n.name: n for n in graph.node}
    made_by = {o: n for n in graph.node for o in n.output}
    layers = {int(m.group(1)) for n in graph.node if (m := re.match(r"/encoder/encoder/layer\.(\d+)/", n.name))}
    if not layers or "marker_pos" not in {i.name for i in graph.input}:
        return 0
    last = f"/encoder/encoder/layer.{max(layers)}"
    query = by_name.get(f"{last}/attention/self/query/MatMul_quant") or by_name.get(
        f"{last}/attention/self/query/MatMul")  # the int8 graph's name, or the float one's
    residual = by_name.get(f"{last}/attention/output/Add")
    final = by_name.get(f"{last}/output/LayerNorm/LayerNormalization")
    if query is None or residual is None or final is None:
        return 0
    quantised = made_by.get(query.input[0])
    # the last layer's input: what the query reads, before its int8 quantisation if any
    int8 = quantised is not None and quantised.op_type == "DynamicQuantizeLinear"
    hidden = quantised.input[0] if int8 else query.input[0]
    if hidden not in residual.input:
        return 0
    # the head reads [CLS] (Gather) and the markers (GatherElements, whose index is expanded
    # to the hidden width through a Shape of this output)
    readers = [n for n in _users(graph).get(final.output[0], []) if n.op_type != "Shape"]
    cls = [n for n in readers if n.op_type == "Gather"]
    markers = [n for n in readers if n.op_type == "GatherElements"]
    consts = _numpy_consts(graph)
    if (len(readers) != 2 or len(cls) != 1 or len(markers) != 1 or _scalar(consts, cls[0].input[1]) != 0.0
            or not any(a.name == "axis" and a.i == 1 for a in cls[0].attribute)):
        return 0
    graph.initializer.extend([
        numpy_helper.from_array(np.array([1], np.int64), "head_rows/one"),
        numpy_helper.from_array(np.array([2], np.int64), "head_rows/last_axis"),
        numpy_helper.from_array(np.array([1], np.int64), "head_rows/first_marker"),
        numpy_helper.from_array(np.array([np.iinfo(np.int64).max], np.int64), "head_rows/end"),
        numpy_helper.from_array(np.array([1], np.int64), "head_rows/row_axis"),
    ])
    # rows = [0, marker_pos...] per example, as [batch, 4, hidden] indices for GatherElements
    rows = [
        helper.make_node("Shape", ["marker_pos"], ["head_rows/batch"], name="head_rows/Shape", start=0, end=1),
        helper.make_node("Concat", ["head_rows/batch", "head_rows/one"], ["head_rows/batch_1"], name="head_rows/Concat", axis=0),
        helper.make_node("ConstantOfShape", ["head_rows/batch_1"], ["head_rows/cls"], name="head_rows/ConstantOfShape",
                         value=numpy_helper.from_array(np.array([0], np.int64))),
        helper.make_node("Concat", ["head_rows/cls", "marker_pos"], ["head_rows/rows"], name="head_rows/Rows", axis=1),
        helper.make_node("Unsqueeze", ["head_rows/rows", "head_rows/last_axis"], ["head_rows/rows3"], name="head_rows/Unsqueeze"),
        helper.make_node("Shape", [hidden], ["head_rows/hidden_shape"], name="head_rows/HiddenShape", start=2, end=3),
        helper.make_node("Concat", ["head_rows/one", "head_rows/one", "head_rows/hidden_shape"], ["head_rows/expand_to"],
                         name="head_rows/ExpandShape", axis=0),
        helper.make_node("Expand", ["head_rows/rows3", "head_rows/expand_to"], ["head_rows/index"], name="head_rows/Expand"),
        helper.make_node("GatherElements", [hidden, "head_rows/index"], ["head_rows/hidden"], name="head_rows/Hidden", axis=1),
    ]
    if int8:  # the query reads the same quantised numbers, of the head's rows only
        rows.append(helper.make_node("GatherElements", [query.input[0], "head_rows/index"], ["head_rows/quantised"],
                                     name="head_rows/Quantised", axis=1))
        query.input[0] = "head_rows/quantised"
    else:
        query.input[0] = "head_rows/hidden"
    residual.input[list(residual.input).index(hidden)] = "head_rows/hidden"
    # the head's [CLS] row stays row 0; its markers are now rows 1 to 3
    rows.append(helper.make_node("Slice", [final.output[0], "head_rows/first_marker", "head_rows/end", "head_rows/row_axis"],
                                 ["head_rows/markers"], name="head_rows/Markers"))
    _rename_uses(graph, markers[0].output[0], "head_rows/markers")
    graph.node.extend(rows)
    del graph.value_info[:]  # shapes recorded for every row of the last layer no longer hold
    return 1


def close_outputs(a: Any, b: Any, tolerance: float | None = None) -> bool:
    """Whether two classifier graphs give class probabilities within ``tolerance`` (default
    ``HEAD_ROWS_TOLERANCE``) of each other on probe batches."""
    import numpy as np

    def softmax(z: Any) -> Any:
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    tolerance = HEAD_ROWS_TOLERANCE if tolerance is None else tolerance
    pairs = _probe_outputs(a, b)
    return pairs is not None and all(
        x.shape == y.shape and np.abs(softmax(x) - softmax(y)).max() <= tolerance for x, y in pairs)


def head_rows(model: Any) -> tuple[Any, dict[str, int]]:
    """A copy of a classifier graph whose last layer computes only the head's rows
    (:func:`_head_rows_only`), and what changed; the model itself (``kept_original``) when the
    graph is not the classifier's shape, was changed already, or its probabilities moved by
    more than ``HEAD_ROWS_TOLERANCE`` on the probes."""
    work = type(model)()
    work.CopyFrom(model)
    kept = {"head_rows": 0, "nodes_before": len(model.graph.node), "nodes_after": len(model.graph.node), "kept_original": 1}
    try:
        if not _head_rows_only(work):
            return model, kept
        _prune(work)
        close = close_outputs(model, work)
    except Exception:  # noqa: BLE001 - a graph this step does not fit stays as it is
        return model, kept
    if not close:
        return model, kept
    return work, {"head_rows": 1, "nodes_before": len(model.graph.node), "nodes_after": len(work.graph.node)}


def rewrite_file(path: str | Path, *steps: Any) -> list[dict[str, int]]:
    """Apply each of ``steps`` (model -> (model, report)) in turn to the ONNX file at ``path``,
    loaded once and saved in place once when any step changed the model; their reports."""
    import onnx

    model = onnx.load(str(path))
    lean, reports = model, []
    for step in steps:
        lean, report = step(lean)
        reports.append(report)
    if lean is not model:
        onnx.checker.check_model(lean)
        onnx.save(lean, str(path))
    return reports


def simplify_file(path: str | Path) -> dict[str, int]:
    """Simplify the ONNX file at ``path`` in place (when the outputs stay bit-identical)."""
    return rewrite_file(path, simplify)[0]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print("usage: python -m dotterel.classifier.graph [--head-rows] MODEL.onnx [...]\n\n"
              + __doc__.split("\n\n")[0] + "\n\n--head-rows: also let the last layer compute only the rows "
              "the head reads (about a quarter less work; probabilities move by up to about 0.1)")
        return 0 if args else 2
    rows = "--head-rows" in args
    args = [a for a in args if a != "--head-rows"]
    try:
        import onnx  # noqa: F401
    except ImportError:
        print("python -m dotterel.classifier.graph needs the onnx package: pip install onnx==1.23.2 "
              "(part of the train extra)", file=sys.stderr)
        return 2
    failed = 0
    for path in args:
        try:
            report, *more = rewrite_file(path, simplify, *([head_rows] if rows else []))
            rows_report = more[0] if more else None
        except Exception as exc:  # noqa: BLE001 - a bad file is named and the others go on
            print(f"{path}: not simplified: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}", file=sys.stderr)
            failed += 1
            continue
        kept = " (outputs differed: left as it was)" if report.get("kept_original") else ""
        after = report["nodes_after"]
        if rows_report is not None:
            after = rows_report["nodes_after"]
            kept += "; last layer on the head's rows" + (
                "" if rows_report["head_rows"] else " not applied (already, or not the classifier's shape)")
        print(f"{path}: {report['nodes_before']} -> {after} nodes{kept}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
