#!/usr/bin/python3
"""Generate golden cases for the segment assignment with PyTorch (Debian's python3-torch).

Run from this directory:  /usr/bin/python3 generate.py > cases.txt
(the python3 first on PATH may lack torch; Debian's /usr/bin/python3 has it).

DJL exposes no max_pool2d with indices and no max_unpool2d, and no cross-entropy with an ignored
label, so the reference is checked against PyTorch itself through these cases:

  maxpool  max_pool2d(x, pool, return_indices=True): y, indices, and x.grad for a given dout
  unpool   max_unpool2d(v, indices, pool, output_size=x's H x W) and the gradient of v for a given dout
  xent     cross_entropy(logits, labels, ignore_index=-1): the loss and the gradient of the logits
  convt    conv_transpose2d(x, w, b, stride, padding) and the gradients of x, w, b for a given dout
           (DJL 0.36's PyTorch engine does not implement its own Conv2dTranspose)

Every value is float64 and printed with repr (shortest round-trip), so the Java side reads the
exact doubles. Format: one case per block; "case <kind> <name>" then "<key> <dims...> : <values...>"
lines, then "end".
"""
import torch
import torch.nn.functional as F

torch.manual_seed(20261128)
gen = torch.Generator().manual_seed(20261128)


def emit(name, t):
    t = t.detach()
    dims = " ".join(str(d) for d in t.shape)
    values = " ".join(repr(v) for v in t.reshape(-1).tolist())
    print(f"{name} {dims} : {values}")


def randn(*shape):
    return torch.randn(*shape, generator=gen, dtype=torch.float64)


def integers(*shape):
    # values in [-2, 2]: many ties, so the first-maximum rule is exercised
    return torch.randint(-2, 3, shape, generator=gen).to(torch.float64)


POOL_CASES = [
    # name, N, C, H, W, pool, values
    ("seed-like-4x4", 1, 1, 4, 4, 2, "random"),
    ("odd-sizes-cut-down", 2, 3, 5, 7, 2, "random"),
    ("pool-3", 1, 2, 7, 6, 3, "random"),
    ("pool-1-identity", 1, 1, 3, 2, 1, "random"),
    ("ties-integers", 2, 2, 6, 6, 2, "integers"),
    ("ties-integers-odd", 1, 3, 5, 5, 2, "integers"),
    ("all-equal", 1, 1, 4, 6, 2, "zeros"),
    ("global-window", 2, 1, 3, 3, 3, "integers"),
]


def pool_cases():
    for name, n, c, h, w, pool, kind in POOL_CASES:
        if kind == "random":
            x = randn(n, c, h, w)
        elif kind == "integers":
            x = integers(n, c, h, w)
        else:
            x = torch.zeros(n, c, h, w, dtype=torch.float64)
        x.requires_grad_(True)
        y, idx = F.max_pool2d(x, pool, return_indices=True)
        dout = randn(*y.shape)
        (y * dout).sum().backward()
        print(f"case maxpool {name}")
        print(f"pool {pool}")
        emit("x", x)
        emit("y", y)
        emit("indices", idx.to(torch.float64))
        emit("dout", dout)
        emit("dx", x.grad)
        print("end")

        v = randn(*y.shape).requires_grad_(True)
        out = F.max_unpool2d(v, idx, pool, output_size=(h, w))
        dup = randn(*out.shape)
        (out * dup).sum().backward()
        print(f"case unpool {name}")
        print(f"pool {pool}")
        emit("x", x)
        emit("indices", idx.to(torch.float64))
        emit("v", v)
        emit("out", out)
        emit("dout", dup)
        emit("dv", v.grad)
        print("end")


XENT_CASES = [
    # name, N, K, H, W, logit scale, fraction ignored
    ("small", 1, 3, 2, 2, 1.0, 0.0),
    ("batch-with-ignored", 2, 4, 3, 5, 2.0, 0.3),
    ("eleven-classes", 1, 11, 4, 4, 3.0, 0.1),
    ("huge-logits", 2, 3, 2, 3, 1e4, 0.2),
    ("two-classes", 3, 2, 1, 4, 1.0, 0.5),
]


def xent_cases():
    for name, n, k, h, w, scale, ignored in XENT_CASES:
        logits = (randn(n, k, h, w) * scale).requires_grad_(True)
        labels = torch.randint(0, k, (n, h, w), generator=gen)
        drop = torch.rand(n, h, w, generator=gen, dtype=torch.float64) < ignored
        labels[drop] = -1
        if (labels >= 0).sum() == 0:
            labels.view(-1)[0] = 0
        loss = F.cross_entropy(logits, labels, ignore_index=-1)
        loss.backward()
        print(f"case xent {name}")
        emit("logits", logits)
        emit("labels", labels.to(torch.float64))
        emit("loss", loss)
        emit("grad", logits.grad)
        print("end")


CONVT_CASES = [
    # name, N, C, OC, H, W, FH, FW, stride, pad
    ("notes-5.3-stride-2", 1, 1, 1, 2, 2, 2, 2, 2, 0),
    ("notes-5.3-stride-1", 1, 1, 1, 2, 2, 2, 2, 1, 0),
    ("autoencoder-4x4-s2-p1", 2, 3, 2, 3, 3, 4, 4, 2, 1),
    ("stride-3-gaps", 1, 2, 3, 2, 3, 2, 2, 3, 0),
    ("non-square-pad-2", 2, 2, 2, 4, 3, 3, 5, 2, 2),
    ("unet-2x2-s2", 1, 4, 2, 3, 3, 2, 2, 2, 0),
    ("one-by-one", 2, 3, 2, 2, 2, 1, 1, 1, 0),
]


def convt_cases():
    for name, n, c, oc, h, w, fh, fw, stride, pad in CONVT_CASES:
        if name.startswith("notes-5.3"):
            x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64).reshape(1, 1, 2, 2)
            weight = torch.tensor([[1.0, 2.0], [-1.0, 1.0]], dtype=torch.float64).reshape(1, 1, 2, 2)  # rot180(F)
            bias = torch.zeros(1, dtype=torch.float64)
        else:
            x = randn(n, c, h, w)
            weight = randn(c, oc, fh, fw)
            bias = randn(oc)
        x.requires_grad_(True)
        weight.requires_grad_(True)
        bias.requires_grad_(True)
        y = F.conv_transpose2d(x, weight, bias, stride=stride, padding=pad)
        dout = randn(*y.shape)
        (y * dout).sum().backward()
        print(f"case convt {name}")
        print(f"stride {stride}")
        print(f"pad {pad}")
        emit("x", x)
        emit("w", weight)
        emit("b", bias)
        emit("y", y)
        emit("dout", dout)
        emit("dx", x.grad)
        emit("dw", weight.grad)
        emit("db", bias.grad)
        print("end")


if __name__ == "__main__":
    print("# generated by generate.py with torch " + torch.__version__ + "; do not edit")
    pool_cases()
    xent_cases()
    convt_cases()
