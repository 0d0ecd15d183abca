#!/usr/bin/env python3
"""Writes the zoo's CIFAR-style ResNets (He et al. 2016, section 4.2) as convspark model specs.

3 stages of n basic blocks (16, 32, 64 channels; stride 2 at the start of stages 2 and 3, with a
1x1 convolution + batch norm projection shortcut there, identity elsewhere), batch norm after
every convolution, convolutions without bias (the batch norm's shift is the bias), global average
pooling and a linear classifier. n = 3: resnet20, n = 5: resnet32. resnet.py builds the same
networks in PyTorch.

    python3 bench/resnet/make_zoo.py worker-engine/src/main/resources/org/convspark/engine/spec/zoo
"""
import json
import sys


def conv(name, out, kernel, stride=1, inputs=None):
    node = {"name": name, "type": "conv", "out_channels": out, "kernel": kernel}
    if stride != 1:
        node["stride"] = stride
    if kernel == 3:
        node["padding"] = 1
    node["bias"] = False
    if inputs:
        node["inputs"] = inputs
    return node


def resnet(n, name):
    layers = [conv("stem.conv", 16, 3), {"name": "stem.bn", "type": "batchnorm"},
              {"name": "stem.relu", "type": "relu"}]
    previous, channels = "stem.relu", 16
    for stage, width in enumerate([16, 32, 64], start=1):
        for block in range(1, n + 1):
            p = "stage%d.block%d." % (stage, block)
            stride = 2 if stage > 1 and block == 1 else 1
            layers += [conv(p + "conv1", width, 3, stride), {"name": p + "bn1", "type": "batchnorm"},
                       {"name": p + "relu1", "type": "relu"}, conv(p + "conv2", width, 3),
                       {"name": p + "bn2", "type": "batchnorm"}]
            shortcut = previous
            if stride != 1 or width != channels:
                layers += [conv(p + "shortcut.conv", width, 1, stride, previous),
                           {"name": p + "shortcut.bn", "type": "batchnorm"}]
                shortcut = p + "shortcut.bn"
            layers += [{"name": p + "add", "type": "add", "inputs": [p + "bn2", shortcut]},
                       {"name": p + "out", "type": "relu"}]
            previous, channels = p + "out", width
    layers += [{"name": "head.pool", "type": "globalavgpool"},
               {"name": "head.fc", "type": "linear", "out_features": 10}]
    return {"name": name, "input": [3, 32, 32], "layers": layers}


def main():
    out = sys.argv[1]
    for n, name in [(3, "resnet20"), (5, "resnet32")]:
        spec = resnet(n, name)
        lines = [json.dumps(layer) for layer in spec["layers"]]
        text = ('{"name": "%s", "input": %s, "layers": [\n  ' % (name, json.dumps(spec["input"]))
                + ",\n  ".join(lines) + "]}\n")
        with open("%s/%s.json" % (out, name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
