"""引擎里各样东西的名字，所有页面共用一张表：数据集、激活函数、损失函数、优化器。"""

TEXT = {
    "datasets": {
        "circles": "圆环", "spiral": "螺旋", "spiral3": "螺旋，三条臂",
        "blobs3": "三团点", "xor": "XOR", "moons": "两个月牙", "gaussians": "两团高斯点",
        "plane": "平面（回归）", "sine": "正弦曲面（回归）",
        "csv": "我的 CSV 文件", "drawn": "自己画",
    },
    "activations": {"linear": "线性", "sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "ReLU",
                    "leaky_relu": "Leaky ReLU", "elu": "ELU", "softmax": "Softmax"},
    "losses": {"bce": "二分类交叉熵", "mse": "平方误差", "cce": "多分类交叉熵"},
    "optimizers": {"sgd": "SGD", "momentum": "动量", "adam": "Adam"},
}
