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
    # 每个实时页面的键盘操作（ui/live/keyboard.js）：读给屏幕阅读器的话，以及按键列表
    "key_playing": "正在训练",
    "key_paused": "已暂停",
    "key_stepped": "已训练一个轮次",
    "keyboard": "键盘",
    "keyboard_help": (
        "- **空格**：开始或暂停\n"
        "- **.**（句点）：训练一个轮次\n"
        "- **Tab** / **Shift+Tab**：依次到达每个控件；**回车**或**空格**按下当前控件\n\n"
        "在输入框里打字或从列表中选择时，这些键归输入框使用。如果你的系统设置要求减少动态"
        "效果，实时画面每秒只变化两次，训练速度不变。"
    ),
}
