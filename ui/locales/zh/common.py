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
    # 用文字描述一张图，给屏幕阅读器（ui/charts.py）
    "chart_says": "图：{title}。{parts}。",
    "chart_title_only": "图：{title}。",
    "chart_nothing": "一张空白的图。",
    "chart_untitled": "图。{parts}。",
    "chart_line": "{name}：一条经过 {n} 个点的曲线，{x} 从 {x0} 到 {x1}，{y} 从 {y0} 到 {y1}",
    "chart_points": "{name}：{n} 个点，{x} 从 {x0} 到 {x1}，{y} 从 {y0} 到 {y1}",
    "chart_point": "{name}：一个点，{x} 为 {x0}，{y} 为 {y0}",
    "chart_labelled": "{name}：带标签的点 {labels}",
    "chart_bars": "{name}：柱形 {bars}",
    "chart_map": "{name}：在 {x} 和 {y} 上的取值，从 {z0} 到 {z1}",
    "chart_unnamed": {"line": "曲线 {k}", "points": "点组 {k}", "bars": "柱形图", "map": "颜色图"},
    "chart_x": "x",
    "chart_y": "y",
    "chart_sep": "；",
    "chart_list_sep": "，",
}
