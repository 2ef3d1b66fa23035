#!/usr/bin/python3
"""Write torchvision-golden.txt: golden cases of the detection assignment, computed by torchvision.

Run with Debian's python3-torch / python3-torchvision (torch 1.13, torchvision 0.14):

    /usr/bin/python3 torchvision_golden.py > torchvision-golden.txt

The build never runs this script; the reference module's TorchvisionGoldenTests read its output.
Every case is float64 and comes from a fixed seed, so a rerun writes the same file.

Format, one case per block:
    case <op> <name> [key=value ...]
    <field> <f64|i64> <rank> <dims...> : <values, row-major>
    ...
    end
Ops (fields): area (boxes -> area), iou (a, b -> iou), encode (anchors, targets, weights -> deltas),
decode (anchors, deltas, weights -> boxes), nms (boxes, scores; threshold -> keep),
batched_nms (boxes, scores, classes; threshold -> keep), match (iou as anchors x targets;
positive, negative -> matches), roi_pool (features, rois, dout; out_h, out_w, scale -> output, grad),
roi_align (features, rois, dout; out_h, out_w, scale, sampling, aligned -> output, grad).
"""
import math
import sys

import torch
import torchvision
from torchvision.models.detection._utils import BoxCoder, Matcher
from torchvision.ops import batched_nms, box_area, box_iou, nms, roi_align, roi_pool

F64 = torch.float64
OUT = []


def field(name, t):
    t = torch.as_tensor(t)
    kind = "i64" if t.dtype in (torch.int64, torch.int32) else "f64"
    values = [str(int(v)) for v in t.flatten().tolist()] if kind == "i64" else [repr(float(v)) for v in t.flatten().tolist()]
    OUT.append("%s %s %d %s : %s" % (name, kind, t.dim(), " ".join(str(d) for d in t.shape), " ".join(values)))


def case(op, name, **params):
    OUT.append(("case %s %s %s" % (op, name, " ".join("%s=%s" % (k, v) for k, v in params.items()))).rstrip())


def end():
    OUT.append("end")


def boxes(g, k, size=20.0, half=False):
    """k boxes with x2 > x1, y2 > y1: corners in [0, size), sides in [0.5, size / 2)."""
    xy = torch.rand(k, 2, generator=g, dtype=F64) * size
    wh = torch.rand(k, 2, generator=g, dtype=F64) * (size / 2 - 0.5) + 0.5
    if half:
        xy = torch.round(xy * 2) / 2
        wh = torch.clamp(torch.round(wh * 2) / 2, min=0.5)
    return torch.cat([xy, xy + wh], dim=1)


def stable_nms(b, s, thr, classes=None):
    """The contract: greedy by score, ties by lower index; used to check torchvision's answer on ties."""
    order = sorted(range(len(s)), key=lambda i: (-float(s[i]), i))
    iou = box_iou(b, b)
    dead = set()
    keep = []
    for a in order:
        if a in dead:
            continue
        keep.append(a)
        for c in order:
            if c != a and c not in dead and (classes is None or classes[c] == classes[a]) and iou[a, c] > thr:
                dead.add(c)
    return keep


def main():
    g = torch.Generator().manual_seed(20261206)

    # Worked examples of the handout and the stubs' Javadoc.
    case("area", "handout")
    field("boxes", torch.tensor([[0, 0, 4, 3], [1, 1, 2, 5]], dtype=F64))
    field("area", box_area(torch.tensor([[0, 0, 4, 3], [1, 1, 2, 5]], dtype=F64)))
    end()
    a = torch.tensor([[0, 0, 4, 4]], dtype=F64)
    b = torch.tensor([[2, 2, 6, 6], [4, 0, 8, 4], [1, 1, 3, 3]], dtype=F64)
    case("iou", "handout")
    field("a", a)
    field("b", b)
    field("iou", box_iou(a, b))
    end()

    # IoU: random pairs, half-pixel corners (exact touching and nesting), identical boxes.
    for i in range(6):
        na, nb = 1 + i % 4, 1 + (i * 3) % 5
        a, b = boxes(g, na, half=i % 2 == 0), boxes(g, nb, half=i % 2 == 0)
        if i == 5:
            b = torch.cat([b, a[:1]], dim=0)
        case("area", "random-%d" % i)
        field("boxes", a)
        field("area", box_area(a))
        end()
        case("iou", "random-%d" % i)
        field("a", a)
        field("b", b)
        field("iou", box_iou(a, b))
        end()

    # Box coding: Faster R-CNN's weights, unit weights, uneven ones; decode beyond the clamp.
    for i, weights in enumerate([(1.0, 1.0, 1.0, 1.0), (10.0, 10.0, 5.0, 5.0), (2.0, 3.0, 0.5, 1.5)]):
        anchors, targets = boxes(g, 5), boxes(g, 5)
        coder = BoxCoder(weights)
        case("encode", "weights-%d" % i)
        field("anchors", anchors)
        field("targets", targets)
        field("weights", torch.tensor(weights, dtype=F64))
        field("deltas", coder.encode_single(targets, anchors))
        end()
        deltas = torch.randn(5, 4, generator=g, dtype=F64)
        deltas[0, 2] = 4.2 * weights[2]          # tw / ww just past log(1000 / 16) = 4.135
        deltas[1, 3] = 9.0 * weights[3]          # far past it
        deltas[2, 2] = 4.0 * weights[2]          # just below: not clamped
        deltas[3, 3] = -8.0 * weights[3]         # very negative: never clamped
        case("decode", "weights-%d" % i)
        field("anchors", anchors)
        field("deltas", deltas)
        field("weights", torch.tensor(weights, dtype=F64))
        field("boxes", coder.decode_single(deltas, anchors))
        end()

    # NMS: clusters of overlapping boxes, several thresholds, tied scores, IoU exactly at the threshold.
    for i, thr in enumerate([0.3, 0.5, 0.7, 0.5, 0.2]):
        centres = boxes(g, 3)
        k = 8 + 4 * i
        jitter = torch.randn(k, 4, generator=g, dtype=F64) * 1.5
        b = centres[torch.arange(k) % 3] + jitter
        b[:, 2:] = torch.maximum(b[:, 2:], b[:, :2] + 0.5)
        s = torch.rand(k, generator=g, dtype=F64)
        if i >= 3:
            s = torch.randint(0, 3, (k,), generator=g).to(F64)   # ties
        keep = nms(b, s, thr)
        assert keep.tolist() == stable_nms(b, s, thr), "torchvision's nms broke a tie another way"
        case("nms", "clusters-%d" % i, threshold=repr(thr))
        field("boxes", b)
        field("scores", s)
        field("keep", keep)
        end()
        classes = torch.randint(0, 3, (k,), generator=g)
        keep = batched_nms(b, s, classes, thr)
        assert keep.tolist() == stable_nms(b, s, thr, classes.tolist()), "torchvision's batched_nms broke a tie"
        case("batched_nms", "clusters-%d" % i, threshold=repr(thr))
        field("boxes", b)
        field("scores", s)
        field("classes", classes)
        field("keep", keep)
        end()
    b = torch.tensor([[0, 0, 2, 1], [0, 0, 1, 1], [5, 5, 6, 6], [5, 5, 7, 6]], dtype=F64)   # IoU exactly 0.5
    s = torch.tensor([0.9, 0.8, 0.7, 0.7], dtype=F64)
    case("nms", "iou-equal-to-threshold", threshold="0.5")
    field("boxes", b)
    field("scores", s)
    field("keep", nms(b, s, 0.5))
    end()
    b = torch.tensor([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 10, 9]], dtype=F64)
    s = torch.tensor([0.9, 0.8, 0.7, 0.95], dtype=F64)
    case("nms", "handout", threshold="0.5")
    field("boxes", b)
    field("scores", s)
    field("keep", nms(b, s, 0.5))
    end()
    case("batched_nms", "handout", threshold="0.5")
    field("boxes", b)
    field("scores", s)
    field("classes", torch.tensor([0, 1, 0, 0]))
    field("keep", batched_nms(b, s, torch.tensor([0, 1, 0, 0]), 0.5))
    end()

    # Matching (torchvision's Matcher takes targets x anchors; the contract's matrix is anchors x targets).
    def match(name, q, positive, negative):
        case("match", name, positive=repr(positive), negative=repr(negative))
        field("iou", q)
        field("matches", Matcher(positive, negative, True)(q.t().contiguous()))
        end()

    match("handout", torch.tensor([[0.8, 0.1], [0.5, 0.2], [0.1, 0.35], [0.05, 0.1]], dtype=F64), 0.7, 0.3)
    for i, (positive, negative) in enumerate([(0.7, 0.3), (0.5, 0.4), (0.5, 0.5), (0.6, 0.2)]):
        q = box_iou(boxes(g, 10 + 3 * i, half=True), boxes(g, 1 + i, half=True))
        match("random-%d" % i, q, positive, negative)
    match("ties", torch.tensor([[0.5, 0.5], [0.5, 0.5], [0.2, 0.9], [0.9, 0.2], [0.3, 0.3]], dtype=F64), 0.7, 0.3)
    match("target-without-overlap", torch.tensor([[0.0, 0.5], [0.0, 0.1], [0.0, 0.9]], dtype=F64), 0.7, 0.3)
    match("thresholds-hit-exactly", torch.tensor([[0.7, 0.1], [0.3, 0.2], [0.69, 0.29], [0.2, 0.75]], dtype=F64), 0.7, 0.3)

    # RoI pooling and RoI Align, forward and the gradient by autograd.
    def rois_for(n, h, w, scale, k, half=True):
        r = torch.empty(k, 5, dtype=F64)
        r[:, 0] = torch.randint(0, n, (k,), generator=g).to(F64)
        xy = (torch.rand(k, 2, generator=g, dtype=F64) * 1.4 - 0.2) * torch.tensor([w, h], dtype=F64) / scale
        wh = torch.rand(k, 2, generator=g, dtype=F64) * torch.tensor([w, h], dtype=F64) / scale
        if half:
            xy = torch.round(xy * 2) / 2
            wh = torch.round(wh * 2) / 2
        r[:, 1:3] = xy
        r[:, 3:5] = xy + wh
        return r

    def roi_case(op, name, features, rois, out, scale, **more):
        x = features.clone().requires_grad_(True)
        if op == "roi_pool":
            y = roi_pool(x, rois, out, scale)
        else:
            y = roi_align(x, rois, out, scale, more["sampling"], more["aligned"])
        dout = torch.randn(y.shape, generator=g, dtype=F64)
        (y * dout).sum().backward()
        params = dict(out_h=out[0], out_w=out[1], scale=repr(scale))
        params.update({k: str(v).lower() for k, v in more.items()})
        case(op, name, **params)
        field("features", features)
        field("rois", rois)
        field("dout", dout)
        field("output", y.detach())
        field("grad", x.grad)
        end()

    arange = torch.arange(16, dtype=F64).reshape(1, 1, 4, 4)
    roi_case("roi_pool", "handout", arange, torch.tensor([[0, 0, 0, 3, 3], [0, 1, 1, 2, 2]], dtype=F64), (2, 2), 1.0)
    roi_case("roi_align", "handout-unaligned", arange, torch.tensor([[0, 0, 0, 3, 3]], dtype=F64), (2, 2), 1.0,
             sampling=1, aligned=False)
    roi_case("roi_align", "handout-aligned", arange, torch.tensor([[0, 0, 0, 3, 3]], dtype=F64), (2, 2), 1.0,
             sampling=1, aligned=True)
    # Halves that C's round takes away from zero, a RoI reaching outside the map, a single-cell RoI.
    roi_case("roi_pool", "rounding-and-borders", torch.randn(1, 2, 5, 6, generator=g, dtype=F64),
             torch.tensor([[0, -0.5, -0.5, 2.5, 1.5], [0, -2.5, 1.5, 7.5, 6.5], [0, 3.2, 2.2, 3.4, 2.4],
                           [0, 4.5, 0.5, 0.5, 3.5]], dtype=F64), (2, 3), 1.0)
    ties = torch.randint(-2, 3, (2, 1, 5, 5), generator=g).to(F64)
    roi_case("roi_pool", "tied-maxima", ties, torch.tensor([[0, 0, 0, 4, 4], [1, 1, 0, 4, 3], [1, 0, 0, 4, 4]], dtype=F64),
             (2, 2), 1.0)
    for i, (out, scale) in enumerate([((2, 2), 1.0), ((3, 3), 0.5), ((1, 4), 0.25), ((4, 2), 0.5)]):
        n, c, h, w = 2, 2, 6, 7
        features = torch.randn(n, c, h, w, generator=g, dtype=F64)
        roi_case("roi_pool", "random-%d" % i, features, rois_for(n, h, w, scale, 5), out, scale)
    for i, (out, scale, sampling, aligned) in enumerate([((2, 2), 1.0, 2, False), ((2, 2), 1.0, 2, True),
                                                        ((3, 3), 0.5, 0, False), ((3, 3), 0.5, -1, True),
                                                        ((1, 4), 0.25, 1, True), ((4, 2), 0.5, 3, False),
                                                        ((2, 3), 0.5, 0, True)]):
        n, c, h, w = 2, 2, 6, 7
        features = torch.randn(n, c, h, w, generator=g, dtype=F64)
        roi_case("roi_align", "random-%d" % i, features, rois_for(n, h, w, scale, 5, half=i % 2 == 0), out, scale,
                 sampling=sampling, aligned=aligned)
    # Samples exactly at -1 and at the far border, tiny RoIs (the minimum of one cell without aligned).
    roi_case("roi_align", "borders", torch.randn(1, 1, 4, 5, generator=g, dtype=F64),
             torch.tensor([[0, -1.5, -1.5, 0.5, 0.5], [0, 3.5, 2.5, 5.5, 4.5], [0, -3, 1, 6, 2], [0, 1.2, 1.2, 1.3, 1.3]],
                          dtype=F64), (1, 1), 1.0, sampling=2, aligned=False)
    roi_case("roi_align", "borders-aligned", torch.randn(1, 1, 4, 5, generator=g, dtype=F64),
             torch.tensor([[0, -1.5, -1.5, 0.5, 0.5], [0, 3.5, 2.5, 5.5, 4.5], [0, 1.2, 1.2, 1.3, 1.3], [0, 2, 2, 2, 2]],
                          dtype=F64), (2, 2), 1.0, sampling=2, aligned=True)

    print("# Golden cases of the detection assignment: torch %s, torchvision %s, Python %s."
          % (torch.__version__, torchvision.__version__, sys.version.split()[0]))
    print("# Generated by torchvision_golden.py (beside this file); do not edit by hand.")
    print("\n".join(OUT))


if __name__ == "__main__":
    main()
