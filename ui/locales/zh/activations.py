"""第 2 课 激活函数（种子文章 000 与 004）的文字。"""

from .names import TEXT as NAMES  # one name per thing, on every page

TEXT = {
    "title": "激活函数",
    "intro": (
        "一个神经元先计算 **z = a·W + b**，再经过激活函数：**a = g(z)**。在网络中，第 [l] 层计算 "
        "$z^{[l]} = a^{[l-1]} W^{[l]} + b^{[l]}$ 和 $a^{[l]} = g^{[l]}(z^{[l]})$。"
        "本课展示 g 的作用：它的形状和导数 "
        "g′(z)、输出层上的 Softmax、为什么 g 不能是线性的，以及在反向传播穿过许多层时它的导数"
        "对梯度的影响。"
    ),
    # 1. the activations
    "curves_header": "1 · 每个激活函数及其导数",
    "curves_intro": (
        "每张图画出引擎中一个激活函数的 g(z)（实线）和导数 g′(z)（虚线）。灰色区域是**饱和区**："
        "那里的导数小于其最大值的 5 %，z 落在那里的神经元几乎学不动。可以改变 z 的范围，"
        "并选一个 z，在表格里一次读出所有数值。"
    ),
    "z_from": "z 从",
    "z_to": "z 到",
    "probe": "读取数值的位置 z =",
    "shade": "标出饱和区",
    "note_not_a_number": "这不是一个数；改用 {value:g}。",
    "note_clamped": "{value:g} 超出 ±{limit:g}；改用 ±{limit:g}。",
    "note_swapped": "范围的两端填反了；显示 z 从 {lo:g} 到 {hi:g}。",
    "note_widened": "两端相等；显示 z 从 {lo:g} 到 {hi:g}。",
    "act_names": NAMES["activations"],
    "g_name": "g(z)",
    "dg_name": "g′(z)",
    "col_activation": "激活函数",
    "col_g": "g({z})",
    "col_dg": "g′({z})",
    "col_peak": "最大导数",
    "col_zones": "此范围内的饱和区",
    "col_can_die": "可能死亡",
    "zones_none": "无",
    "yes": "是",
    "no": "否",
    "table_caption": ("饱和区：g′(z) 小于最大导数的 {share} 的区域。"
                      "可能死亡的激活函数在所有 z ≤ 0 处导数恰为 0。"),
    "curves_notice": (
        "- Sigmoid 的导数最大只有 **0.25**（在 z = 0 处）；Tanh 在那里是 **1**。两者在 |z| "
        "较大时都变平：Sigmoid 在 |z| ≈ 4.36 之外饱和，Tanh 在 |z| ≈ 2.18 之外饱和。\n"
        "- ReLU 在 z > 0 时导数恰为 1，所以右侧永不饱和；z < 0 时恰为 0：z 一直为负的神经元"
        "就**死亡**了，不再学习。Leaky ReLU 在那里保留一个小斜率（0.01）；ELU 的导数在 "
        "z ≈ −3 以下逐渐消失。\n"
        "- 引擎和它的反向传播一样，用输出 a 计算导数：Sigmoid′ = a(1 − a)，"
        "Tanh′ = 1 − a²，ReLU′ 在 a > 0 处为 1。"
    ),
    # 2. softmax
    "softmax_header": "2 · Softmax：把输出层变成概率",
    "softmax_intro": (
        "有 K 个类别时，输出层有 K 个神经元，Softmax 把它们的 z 值变成 K 个和为 1 的概率。"
        "每个 z 先除以温度 T：T 越低，选择越果断；T 越高，分布越平均。请输入你自己的 z 值。"
    ),
    "k": "类别数 K",
    "temperature": "温度 T",
    "t_zero": "T = 0 是温度越来越低的极限：全部概率都给最大的 z（若有几个并列最大，则平分）。",
    "t_huge": "温度这么高时，每个 z/T 都几乎为 0，所以每个概率都几乎等于 1/K = {uniform}。",
    "sum_p": "概率之和",
    "largest_p": "最大的概率",
    "probs_title": "T = {T} 时的概率",
    "temp_title": "每个概率随温度的变化",
    "temp_axis": "温度 T",
    "col_k": "k",
    "softmax_notice": (
        "- 无论 z 取什么值，概率之和总是 1：即使 z = 1,000,000 也可以，因为 Softmax 在取指数"
        "之前先减去最大的 z（结果不变，也不会溢出）。\n"
        "- 给每个 z 加上同一个数，结果不变；只有差值才起作用。\n"
        "- T → 0 选出最大的 z（硬性的 argmax）；T → ∞ 给每个类别 1/K。T = 1 就是引擎输出层"
        "所用的 Softmax。"
    ),
    # 3. why non-linearity
    "linear_header": "3 · 为什么需要非线性",
    "linear_intro": (
        "没有激活函数（g(z) = z）时，每一层只是矩阵乘法加上偏置，而多个矩阵的乘积仍是一个矩阵。"
        "下面是一个在圆环数据上训练过的、隐藏层为线性的网络；把它的各层相乘，得到**一个** W "
        "和**一个** b。图中的数就是训练后的权重。"
    ),
    "layers": "隐藏层数",
    "units": "每个隐藏层的神经元数",
    "seed": "随机种子",
    "one_layer_already": "没有隐藏层时，网络本来就只有一层。",
    "z_layers": "逐层计算，x = ({x1}, {x2}) 处的 z[{L}]",
    "z_one": "一个矩阵，x = ({x1}, {x2}) 处的 x·W + b",
    "max_diff": "全部 {n} 个点上的最大差值",
    "fit_header": "同一个网络换成 Tanh",
    "fit_intro": (
        "同样的数据、同样的结构、同样的训练，只换了 g。线性网络无论多深，都只能画出一条直线"
        "边界；用 Tanh 时，隐藏层把平面弯折，两个圆环就分开了。"
    ),
    "no_hidden": "没有隐藏层时，Tanh 无处发挥：两个网络是同一个单层网络，都分不开这两个圆环。",
    "region_title": "{act}隐藏层，{shape}：测试准确率 {acc}",
    "predict_linear": ("隐藏层是线性的（没有非线性的 g）时，{shape} 网络在圆环上的测试准确率"
                       "会是多少？（单位：%）"),
    "fit_said": "{shape} 网络用线性隐藏层达到 **{linear}**，大约是一条直线在圆环上能做到的；"
                "用 Tanh 达到 **{tanh}**。",
    "hover_p": "类别 1 的概率",
    "hover_class": "类别",
    "fit_caption": "圆环数据，{n} 个点（一半用于测试），Adam，学习率 {lr:g}，在整个训练集上训练 "
                   "{epochs} 个轮次；输出层为 Sigmoid。",
    "linear_notice": (
        "- 逐层计算的输出与 x·W + b 相差约 1e-16，这只是浮点数的舍入误差：深层线性网络**就是**"
        "一个线性层。\n"
        "- 所以它的边界是一条直线，绕不过内圈：测试准确率只有约 50 % 到 70 %（取决于随机种子）。"
        "每个隐藏层有 3 个或更多神经元时，Tanh 网络能把边界弯成一条闭合曲线，通常能达到约 100 %；"
        "只有 1 或 2 个神经元时，曲线闭合不起来。\n"
        "- 增加层数或神经元：线性网络从不变好。把隐藏层设为 0：Tanh 网络也失去了优势。"
    ),
    # 4. vanishing gradients
    "vanishing_header": "4 · 梯度消失",
    "vanishing_intro": (
        "反向传播时，链式法则让梯度每经过一层就乘上一个 g′(z)。若每层的 z 都相同，经过 L 层的"
        "乘积就是 $g'(z)^L$。Sigmoid 的导数最大只有 0.25，所以 10 层之后最多只剩 "
        "$0.25^{10}$ ≈ 1e-6：前面几层几乎学不到东西。"
    ),
    "depth": "层数 L",
    "path_z": "每一层的 z",
    "depth_zero": "0 层时没有任何相乘：乘积为 1。",
    "dead_note": "{names}：z ≤ 0 时恰为 0（对数坐标上画不出来）",
    "product_title": "经过 L 层的导数 g′(z) 之积，z = {z}",
    "depth_axis": "层数 L",
    "product_axis": "乘积",
    "col_product": "经过 {L} 层的乘积",
    "measured_header": "在真实网络中测量",
    "measured_intro": (
        "真实的梯度还要经过权重，所以不只是上面的乘积。这里是一个在圆环数据上、处于初始权重的"
        "网络中每一层的梯度大小 ‖∂J/∂W[l]‖，它有 L 个隐藏层（最多 16 个）。"
    ),
    "measured_capped": "引擎最多构建 16 个隐藏层；这里测量 {n} 层。",
    "measured_title": "每层的 ‖∂J/∂W[l]‖，{n} 个隐藏层，每层 {w} 个神经元",
    "layer_axis": "第 l 层",
    "grad_axis": "梯度大小",
    "predict_survives": ("在这个有 {n} 个隐藏层、每层 {w} 个神经元的网络里（初始权重），"
                         "哪种激活函数能把输出层的梯度保留得最多，一直传到第 1 层？"),
    "predict_survives_shown": "{name}保留得最多：第 1 层的梯度是输出层的 {ratio} 倍。",
    "col_first": "第 1 层",
    "col_last": "输出层",
    "col_ratio": "第 1 层 / 输出层",
    "vanishing_lesson": "梯度消失：深层 Sigmoid 网络",
    "vanishing_notice": (
        "- Sigmoid：即使在最好的情况（z = 0），乘积每层也缩小为四分之一。在测量的网络中，"
        "从两个隐藏层起，第 1 层的梯度就比输出层小好几个数量级，而且每多一层差距就更大。\n"
        "- Tanh：z = 0 处导数为 1，所以乘积在那里保持不变；但 z 离开 0，乘积也会下降。\n"
        "- ReLU：z > 0 时导数恰为 1，链式法则不会让梯度变小；z < 0 时恰为 0（死亡的神经元）。"
        "所以深层网络通常选用 ReLU（文章 004 的网络就用它）。\n"
        "- 在游乐场中打开这一课，观察 8 层 Sigmoid 网络的梯度图：第一层的曲线远远低于其他层。"
    ),
}
