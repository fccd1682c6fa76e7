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
    "nav_multiclass": "6 · 多分类",
    "nav_loop": "7 · 训练循环",
    "nav_capacity": "8 · 容量",
    "nav_class": "班级",
    "open_in_playground": "在游乐场中实时体验：{lesson}",
    # 先预测，再看（ui/predict.py）
    "predict_title": "先预测：",
    "predict_commit": "确定我的预测",
    "predict_number": "你的数",
    "predict_skip": "直接看结果",
    "list_or": "或",
    "list_and": "和",
    "predict_held": "你的预测——{question} **{answer}**",
    "predict_again": "重新预测",
    "predict_right": "你说的是{answer}，确实如此。{shown}",
    "predict_wrong": "你说的是{answer}；实际上是{truth}。{shown}",
    "predict_number_close": "你说的是 {answer}；实际是 **{truth}**，相差不到 5 %（差 {off}）。",
    "predict_number_off": "你说的是 {answer}；实际是 **{truth}**，差 {off}（{share}）。",
    "what_to_notice": "值得注意的地方",
    "from_articles": "出自文章：{ids}",
    # 每一课的记号面板（ui/lesson.py）：文章的写法与本应用的写法并列
    "notation_title": "记号：文章的写法与本应用的写法",
    "notation": (
        "文章 004（与吴恩达的课程一样）把每个样本写成**列**向量；本应用与文章 001 的 NumPy "
        "代码（`np.dot(inputs, weights)`）一样，把它写成**行**。两者算出的数相同：一种写法是"
        "另一种的转置，$(W \\cdot A)^\\top = A^\\top \\cdot W^\\top$。\n\n"
        "| | 文章 004 | 本应用、文章 001 的代码 |\n"
        "|---|---|---|\n"
        "| 一个样本 $x$ | 一列，$n^{[0]} \\times 1$ | 一行，$1 \\times n^{[0]}$ |\n"
        "| m 个样本 $X$、$A^{[l]}$、$Z^{[l]}$ | 各列并排，$n^{[l]} \\times m$ "
        "| 各行叠放，$m \\times n^{[l]}$ |\n"
        "| 一层 | $Z^{[l]} = W^{[l]} \\cdot A^{[l-1]} + b^{[l]}$ "
        "| $Z^{[l]} = A^{[l-1]} \\cdot W^{[l]} + b^{[l]}$ |\n"
        "| 权重 $W^{[l]}$ | $n^{[l]} \\times n^{[l-1]}$：$w^{[l]}_{jk}$ 从第 l − 1 层的第 k 个"
        "神经元连到第 l 层的第 j 个神经元 | $n^{[l-1]} \\times n^{[l]}$：$W^{[l]}_{kj}$ 从第 k 个"
        "神经元连到第 j 个神经元（即文章的转置） |\n"
        "| 偏置 $b^{[l]}$ | 一列，$n^{[l]} \\times 1$，加到每一列上 "
        "| 一行，$1 \\times n^{[l]}$，加到每一行上 |\n"
        "| $W^{[l]}$ 的梯度 | $dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]\\top}$ "
        "| $dW^{[l]} = \\frac{1}{m} A^{[l-1]\\top} dZ^{[l]}$ |\n\n"
        "每一页都这样写：$L$ 是一个样本的损失，$J$ 是代价，即 $L$ 在 m 个样本上的平均（文章 "
        "003）；$dW$ 是 $∂J/∂W$ 的简写；更新用箭头写成 $w ← w − α\\,∂J/∂w$（很多书写作 $w := …$，"
        "意思相同）。"
    ),
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
