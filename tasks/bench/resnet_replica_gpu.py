# Usage (GPU machine with PyTorch): FASHION_MNIST=DIR python3 tasks/bench/resnet_replica_gpu.py [EPOCHS] [OUT.json]
# PyTorch replica of the `resnet` task's recipe (tasks/.../ResNetTask.java), for the GPU check:
# ResNet-18, small stem (3x3/64 stride 1, no max-pool, 1 input channel), 10 classes
# (11,172,810 parameters), 55,000 training / 5,000 validation images (seeded split), shift<=2 + horizontal
# flip, SGD momentum 0.9, weight decay 5e-4, cosine LR 0.05 -> 0.0005, batch 128, 15 epochs.
import gzip, json, sys, time, numpy as np, torch, torch.nn as nn, torchvision
import os
DATA = os.environ.get('FASHION_MNIST', '/usr/share/datasets/fashion-mnist')
torch.manual_seed(7); np.random.seed(7)
def idx(p):  # gzip, or the plain IDX file beside it (tasks/gpu/run-on-gpu.sh unpacks plain files)
    d = gzip.open(p).read() if os.path.exists(p) else open(p[:-3], 'rb').read(); n = int.from_bytes(d[4:8], 'big')
    return np.frombuffer(d, np.uint8, offset=16 if d[3] == 3 else 8)
xtr = idx(DATA + '/train-images-idx3-ubyte.gz').reshape(-1, 1, 28, 28); ytr = idx(DATA + '/train-labels-idx1-ubyte.gz')
xte = idx(DATA + '/t10k-images-idx3-ubyte.gz').reshape(-1, 1, 28, 28); yte = idx(DATA + '/t10k-labels-idx1-ubyte.gz')
dev = 'cuda'
perm = np.random.permutation(len(xtr)); tr, va = perm[5000:], perm[:5000]
f = lambda a: torch.tensor(a, dtype=torch.float32, device=dev) / 255.0
Xtr, Ytr = f(xtr[tr]), torch.tensor(ytr[tr], device=dev).long()
Xva, Yva = f(xtr[va]), torch.tensor(ytr[va], device=dev).long()
Xte, Yte = f(xte), torch.tensor(yte, device=dev).long()
mean, std = Xtr.mean(), Xtr.std()
net = torchvision.models.resnet18(num_classes=10)
net.conv1 = nn.Conv2d(1, 64, 3, 1, 1, bias=False); net.maxpool = nn.Identity()
net = net.to(dev).to(memory_format=torch.channels_last)
params = sum(p.numel() for p in net.parameters())
epochs, bs = int(sys.argv[1]) if len(sys.argv) > 1 else 15, 128
steps = epochs * ((len(Xtr) + bs - 1) // bs)
opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps, eta_min=0.0005)
lossf = nn.CrossEntropyLoss()
def augment(x):
    n = x.shape[0]; p = nn.functional.pad(x, (2, 2, 2, 2))
    dx, dy = torch.randint(0, 5, (2, n), device=dev)
    ar = torch.arange(28, device=dev)
    rows = (dy[:, None] + ar[None, :])[:, :, None].expand(n, 28, 28)
    cols = (dx[:, None] + ar[None, :])[:, None, :].expand(n, 28, 28)
    out = p[torch.arange(n, device=dev)[:, None, None], 0, rows, cols][:, None]
    flip = torch.rand(n, device=dev) < 0.5
    return torch.where(flip[:, None, None, None], out.flip(3), out)
def accuracy(X, Y):
    net.eval(); c = 0
    with torch.no_grad():
        for i in range(0, len(X), 1000):
            c += (net(((X[i:i+1000] - mean) / std).contiguous(memory_format=torch.channels_last)).argmax(1) == Y[i:i+1000]).sum().item()
    net.train(); return c / len(X)
log = []; train_time = 0.0; images = 0
for e in range(epochs):
    torch.cuda.synchronize(); t = time.time()
    order = torch.randperm(len(Xtr), device=dev); tot = 0.0
    for i in range(0, len(Xtr), bs):
        b = order[i:i+bs]; x = ((augment(Xtr[b]) - mean) / std).contiguous(memory_format=torch.channels_last)
        loss = lossf(net(x), Ytr[b]); opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); sched.step()
        tot += loss.item() * len(b)
    torch.cuda.synchronize(); dt = time.time() - t; train_time += dt; images += len(Xtr)
    row = dict(epoch=e + 1, loss=tot / len(Xtr), val=accuracy(Xva, Yva), images_per_s=len(Xtr) / dt)
    log.append(row); print(json.dumps(row), flush=True)
res = dict(device=torch.cuda.get_device_name(0), torch=torch.__version__, parameters=params, epochs=epochs,
           train_images_per_s=images / train_time, test_accuracy=accuracy(Xte, Yte), epochs_log=log)
print(json.dumps(res)); json.dump(res, open(sys.argv[2] if len(sys.argv) > 2 else 'result.json', 'w'), indent=1)
