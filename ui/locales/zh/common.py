"""所有页面共用的文字：应用名称、导航、语言切换、链接。"""

TEXT = {
    "app_title": "神经网络游乐场",
    "replica_moved": "你所在的服务器已停止，另一台已接替。设置已保留，按“开始”重新训练。",
    "language": "语言",
    "nav_playground": "游乐场",
    "nav_lessons": "课程",
    "nav_neuron": "1 · 一个神经元",
    "nav_activations": "2 · 激活函数",
    "nav_backprop": "3 · 反向传播，一步一步",
    "nav_descent": "4 · 损失函数与梯度下降",
    "nav_inside": "5 · 网络内部",
    "open_in_playground": "在游乐场中实时体验：{lesson}",
    "what_to_notice": "值得注意的地方",
    "from_articles": "出自文章：{ids}",
}
