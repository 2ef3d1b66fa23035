#!/usr/bin/python3
"""Write the golden cases of the augment assignment from PyTorch.

Run with Debian's python3-torch / python3-torchvision (not a pyenv python without torch):

    /usr/bin/python3 reference/src/test/python/augment_golden.py

It rewrites assignments/src/test/resources/kadai/assignments/augment/pytorch-golden.txt, read by
the starter kit's visible tests (AugmentPyTorchTests) and the reference's cross-check
(AugmentGoldenTests).

Conventions checked here (Kadai's, stated in the handout): pixel (u, v) = (column, row), pixel
centres on integers, centre ((W-1)/2, (H-1)/2); geometric operations by inverse mapping, output
(u, v) = bilinear value of the input at M (u, v, 1); neighbours outside the image count as 0.
That is grid_sample(mode="bilinear", padding_mode="zeros", align_corners=False) with the
normalised coordinate n = (2p + 1) / size - 1 of pixel coordinate p. Each geometric case is
computed twice (affine_grid with the matrix converted to normalised coordinates, and a grid
built by hand from pixel coordinates) and, for rotate and scale, a third time with torchvision's
own rotate / affine (bilinear, no fill), whose angle is counter-clockwise; the script stops if
they disagree.
"""
import math
import os

import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms.functional as TF
from torchvision.transforms import InterpolationMode

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "assignments", "src", "test",
                   "resources", "kadai", "assignments", "augment", "pytorch-golden.txt")

torch.manual_seed(20261206)


def image(*shape):
    return torch.rand(*shape, dtype=torch.float64)


def pixel_to_normalised(size):
    """3x3 matrix mapping pixel coordinate p to grid_sample's n = (2p + 1) / size - 1 (align_corners=False)."""
    return torch.tensor([[2.0 / size[0], 0, 1.0 / size[0] - 1], [0, 2.0 / size[1], 1.0 / size[1] - 1], [0, 0, 1]],
                        dtype=torch.float64)


def sample_affine_grid(x, m):
    """Resample x at M (u, v, 1) through affine_grid: theta = N_in M N_out^-1 in normalised coordinates."""
    n, c, h, w = x.shape
    mm = torch.cat([torch.tensor(m, dtype=torch.float64).reshape(2, 3), torch.tensor([[0, 0, 1.0]], dtype=torch.float64)])
    to_norm = pixel_to_normalised((w, h))
    theta = (to_norm @ mm @ torch.linalg.inv(to_norm))[:2].unsqueeze(0).repeat(n, 1, 1)
    grid = F.affine_grid(theta, [n, c, h, w], align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def sample_pixel_grid(x, m):
    """Resample x at M (u, v, 1) with a grid built directly from pixel coordinates."""
    n, c, h, w = x.shape
    v, u = torch.meshgrid(torch.arange(h, dtype=torch.float64), torch.arange(w, dtype=torch.float64), indexing="ij")
    px = m[0] * u + m[1] * v + m[2]
    py = m[3] * u + m[4] * v + m[5]
    grid = torch.stack([(2 * px + 1) / w - 1, (2 * py + 1) / h - 1], dim=-1).unsqueeze(0).repeat(n, 1, 1, 1)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def resample(x, m):
    a = sample_affine_grid(x, m)
    b = sample_pixel_grid(x, m)
    assert torch.allclose(a, b, rtol=0, atol=1e-12), (m, (a - b).abs().max())
    return b


def centre(x):
    return (x.shape[3] - 1) / 2.0, (x.shape[2] - 1) / 2.0


def rotate_matrix(x, degrees):
    cx, cy = centre(x)
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    # output (u, v) samples (cx + c du - s dv, cy + s du + c dv)
    return [c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy]


def scale_matrix(x, f):
    cx, cy = centre(x)
    return [1 / f, 0, cx - cx / f, 0, 1 / f, cy - cy / f]


def shear_matrix(x, k):
    cx, cy = centre(x)
    return [1, k, -k * cy, 0, 1, 0]


cases = []


def case(op, params, x, y):
    cases.append((op, params, x, y))


for shape, degrees in [((1, 1, 3, 3), 90.0), ((1, 2, 5, 6), 30.0), ((2, 1, 4, 4), -45.0), ((1, 1, 6, 6), 180.0),
                       ((1, 1, 5, 7), 12.5), ((1, 1, 4, 5), 270.0)]:
    x = image(*shape)
    y = resample(x, rotate_matrix(x, degrees))
    tv = TF.rotate(x, degrees, interpolation=InterpolationMode.BILINEAR)
    assert torch.allclose(y, tv, rtol=0, atol=1e-12), ("torchvision rotate disagrees", degrees, (y - tv).abs().max())
    case("rotate", [degrees], x, y)

for shape, f in [((1, 1, 2, 2), 2.0), ((1, 2, 5, 5), 1.5), ((2, 1, 6, 4), 0.5), ((1, 1, 7, 7), 0.8)]:
    x = image(*shape)
    y = resample(x, scale_matrix(x, f))
    tv = TF.affine(x, angle=0.0, translate=[0, 0], scale=f, shear=[0.0, 0.0], interpolation=InterpolationMode.BILINEAR)
    assert torch.allclose(y, tv, rtol=0, atol=1e-12), ("torchvision affine (scale) disagrees", f, (y - tv).abs().max())
    case("scale", [f], x, y)

for shape, k in [((1, 1, 5, 5), 0.3), ((1, 2, 4, 6), -0.5), ((1, 1, 3, 3), 1.0)]:
    x = image(*shape)
    case("shear", [k], x, resample(x, shear_matrix(x, k)))

for shape, m in [((1, 1, 4, 5), [0.9, 0.2, 0.3, -0.1, 1.1, -0.4]), ((2, 1, 5, 5), [0.5, 0.0, 1.0, 0.0, 0.5, 1.0]),
                 ((1, 2, 3, 4), [-1.0, 0.0, 3.0, 0.0, 1.0, 0.0]), ((1, 1, 4, 4), [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]),
                 ((1, 1, 5, 6), [0.8, -0.6, 2.7, 0.6, 0.8, -1.4])]:
    x = image(*shape)
    case("affine", m, x, resample(x, m))

for shape, dy, dx in [((1, 1, 4, 5), 1, 2), ((2, 2, 4, 4), -2, 1), ((1, 1, 3, 6), 0, -3), ((1, 1, 3, 3), 3, 0)]:
    x = image(*shape)
    y = resample(x, [1, 0, -dx, 0, 1, -dy])
    h, w = shape[2], shape[3]
    direct = torch.zeros_like(x)
    for v in range(h):
        for u in range(w):
            if 0 <= v - dy < h and 0 <= u - dx < w:
                direct[:, :, v, u] = x[:, :, v - dy, u - dx]
    # grid_sample's normalised coordinates round (n = (2p + 1) / size - 1 and back): 1e-16, not exact.
    assert torch.allclose(y, direct, rtol=0, atol=1e-12), ("shift by grid_sample disagrees", dy, dx)
    case("shift", [dy, dx], x, direct)

for shape in [(1, 1, 3, 4), (2, 2, 2, 3)]:
    x = image(*shape)
    case("flipHorizontal", [], x, torch.flip(x, dims=[3]))
    case("flipVertical", [], x, torch.flip(x, dims=[2]))

for shape, top, left, h, w in [((1, 1, 4, 5), 1, 2, 2, 3), ((2, 1, 3, 3), 0, 0, 3, 3)]:
    x = image(*shape)
    case("crop", [top, left, h, w], x, x[:, :, top:top + h, left:left + w].clone())

for shape, top, left, h, w in [((1, 1, 4, 5), 1, 1, 2, 3), ((1, 2, 4, 4), -1, 2, 3, 5), ((1, 1, 3, 3), 5, 0, 2, 2)]:
    x = image(*shape)
    y = x.clone()
    y[:, :, max(top, 0):max(top + h, 0), max(left, 0):max(left + w, 0)] = 0
    case("cutout", [top, left, h, w], x, y)

for shape, delta, lo, hi in [((1, 1, 3, 4), 0.3, 0.0, 1.0), ((1, 2, 2, 3), -0.4, 0.0, 1.0), ((1, 1, 2, 2), 0.1, 0.2, 0.6)]:
    x = image(*shape)
    case("brightness", [delta, lo, hi], x, torch.clamp(x + delta, lo, hi))


def numbers(t):
    return " ".join(repr(float(v)) for v in t.flatten().tolist())


with open(OUT, "w") as f:
    f.write("# Golden cases of the augment assignment, written by reference/src/test/python/augment_golden.py\n")
    f.write("# with torch %s and torchvision %s (float64). Do not edit: rerun the script.\n"
            % (torch.__version__, torchvision.__version__))
    f.write("# case <operation> <parameters...> / shape <N C H W> / input <values> / output <N C H W> / expected <values>\n")
    for op, params, x, y in cases:
        f.write("case %s %s\n" % (op, " ".join(repr(p) for p in params)))
        f.write("shape %s\n" % " ".join(str(d) for d in x.shape))
        f.write("input %s\n" % numbers(x))
        f.write("output %s\n" % " ".join(str(d) for d in y.shape))
        f.write("expected %s\n" % numbers(y))
print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))
