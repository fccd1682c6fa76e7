"""游乐场页面的文字（简体中文）。键和格式字段与 ui/locales/en/playground.py 一一对应。"""

from .names import TEXT as NAMES  # one name per thing, on every page

TEXT = {
    "page_title": "游乐场",
    "title": "神经网络游乐场",
    "intro": (
        "选一个数据集，搭一个网络，按 **开始**，看它学习。背景是网络对平面上每一点的预测；"
        "网络图中的每个小方块是一个神经元对同一平面的“看法”。一切都由从零写成的 NumPy "
        "引擎在你的会话里算出。"
    ),
    # sidebar: presets
    "presets": "课程（预设）",
    "preset_pick": "载入一节课",
    "preset_none": "— 选择一节课 —",
    "preset_changed": "你已改动了这节课的设置。",
    "preset_reload": "重新载入这节课",
    "preset_names": {
        "seed004": "种子文章 004 的圆环：2-4-6-6-4-1 ReLU，Adam",
        "spiral_hard": "螺旋，困难（同 TensorFlow Playground：6 层 × 8 个 Tanh）",
        "xor_one_layer": "只用一个隐藏层解 XOR",
        "vanishing": "梯度消失：很深的 Sigmoid 网络",
        "dying_relu": "ReLU 死亡：学习率太大",
        "softmax3": "三个类别，Softmax",
        "one_neuron": "一个神经元：逻辑回归",
        "features_circles": "没有隐藏层的圆环：喂给它 x1²、x2²",
    },
    "preset_about": {
        "features_circles": "没有隐藏层的网络只能画一条直线，而没有一条直线能把圆盘和它外面的"
                            "圆环分开。把输入从 x1、x2 换成 x1² 和 x2²，同一个网络就能分开它们："
                            "圆 x1² + x2² = r² 在这些输入里是一条直线。隐藏层会自己学出这样的"
                            "特征；这里是你直接交给它。",
        "seed004": "种子文章《深度网络的数学》中的参考模型：ReLU 隐藏层、Sigmoid 输出层、"
                   "二分类交叉熵和 Adam。",
        "spiral_hard": "TensorFlow Playground 最难问题所用的网络和训练：6 个隐藏层，每层 8 个 "
                       "Tanh 神经元，普通 SGD，学习率 0.03，批量 10，但点数加倍（1,000 个，一半"
                       "用于训练）。用 TensorFlow Playground 的 500 个点，大约一半的种子会停"
                       "在 95 % 附近；用 1,000 个点，我们试过的每个种子的测试准确率都超过 "
                       "98 %，多数只需几百个轮次。按“重新生成”试试看。",
        "xor_one_layer": "一个含 4 个神经元的隐藏层，就足以把直线弯成 XOR 的两个对角区域。",
        "vanishing": "八个 Sigmoid 层：Sigmoid 的导数最大只有 1/4，所以梯度一层比一层小。"
                     "看梯度图：前面几层比最后一层低好几个数量级。",
        "dying_relu": "学习率 3 把 ReLU 神经元推到对每个点都输出 0 的区域；在那里它们的梯度也"
                      "是 0，所以不再学习（在第一个隐藏层里是永远）。",
        "softmax3": "三条螺旋臂：Softmax 输出层配多分类交叉熵。",
        "one_neuron": "没有隐藏层：一个 Sigmoid 神经元，z = w1·x1 + w2·x2 + b，作用在两团"
                      "高斯点云上。它的边界只能是一条直线，而这两团点云也只需要一条直线。",
    },
    # sidebar: data
    "data": "数据",
    "dataset": "数据集",
    "dataset_names": NAMES["datasets"],
    "samples": "样本数",
    "noise": "噪声",
    "train_pct": "训练数据（%）",
    "regenerate": "重新生成",
    "upload": "上传你自己的数据（CSV）",
    "upload_help": "第一行是表头，然后是两列数值特征和一列标签（列名为 `label`，否则取最后"
                   "一列）。特征会被标准化。",
    "upload_in_use": "正在使用：{name}，{n} 行，{what}。",
    "upload_classes": "{k} 个类别（{names}）",
    "upload_regression": "一个要预测的数（回归）",
    "upload_bad": "无法使用 {name}：{error}。之前的数据仍在使用。",
    "samples_csv": "样本：{name} 的 {n} 行",
    # 侧栏：训练好的模型（ui/playground/model_import.py）
    "model_upload": "打开训练好的模型（JSON）",
    "model_upload_help": "在这里保存的模型文件（“训练好的模型（JSON）”按钮）或命令行保存的"
                         "模型文件。网络在当前数据上从它自己的权重继续训练。",
    "model_opened": "已打开 {name}：{shape}，{acts}；从它的权重继续训练。",
    "model_no_hidden": "没有隐藏层",
    "model_inputs": "输入：{features}。",
    "model_scaling_same": "它训练所用的 CSV 文件与你的文件缩放方式相同，预测可以直接沿用。",
    "model_scaling_other": "它是在 CSV 文件上训练的：它的输入缩放只适用于与那个文件单位相同的"
                           "数据。这里按原样输入当前数据。",
    "model_bad": "无法打开 {name}：{error}。",
    "model_wrong_task": "{name} 是{model_task}模型，而当前数据（{data}）需要{data_task}模型。",
    "model_tasks": {"binary": "二分类", "multiclass": "有 {k} 个类别的多分类",
                    "regression": "回归"},
    "model_try": "它适合{datasets}：先选其中一个，再打开这个文件。",
    "model_too_big": "{name} 有 {layers} 个隐藏层，每层最多 {units} 个神经元；游乐场最多显示 "
                     "{max_layers} 个隐藏层、每层 {max_units} 个神经元。",
    "model_unchanged": "你的网络和数据保持不变。",
    "model_list_sep": "、",
    "model_dataset": "“{name}”",
    "show_test": "显示测试数据",
    "hard": "硬类别边界",
    # sidebar: network
    "network": "网络",
    "layers": "隐藏层数",
    "units": "第 {l} 层",
    "units_caption": "每个隐藏层的神经元数，1 到 {hi}",
    "units_clamped": "一个隐藏层有 1 到 {hi} 个神经元：第 {l} 层现在有 {n} 个。",
    "same_act": "所有层用同一个激活函数",
    "activation": "激活函数",
    "activation_l": "激活函数，第 {l} 层",
    "activation_names": NAMES["activations"],
    "loss": "损失函数",
    "loss_names": NAMES["losses"],
    # sidebar: training
    "training": "训练",
    "optimizer": "优化器",
    "optimizer_names": NAMES["optimizers"],
    "lr": "学习率",
    "batch": "批量大小（0 = 全部）",
    "reg": "正则化",
    "reg_names": {"none": "无", "l1": "L1", "l2": "L2"},
    "reg_rate": "正则化系数",
    "seed": "随机种子",
    "speed": "速度（每帧轮次）",
    # controls
    "play": "开始",
    "pause": "暂停",
    "step": "单步",
    "reset": "重置",
    "step_help": "训练一个轮次",
    "reset_help": "新的初始权重，同样的数据",
    # the keyboard (ui/live/keyboard.js; the other words are common): a play link under
    # reduced motion, and the list of keys with Reset
    "key_calm": "已暂停：你的系统设置要求减少动态效果。按“开始”开始训练。",
    "keyboard_help": (
        "- **空格**：开始或暂停\n"
        "- **.**（句点）：训练一个轮次\n"
        "- **Tab** / **Shift+Tab**：依次到达每个控件（包括“重置”）；**回车**或**空格**"
        "按下当前控件\n\n"
        "在输入框里打字或拖动滑块时，这些键归输入框和滑块使用。"
        "如果你的系统设置要求减少动态效果，实时画面每秒只变化两次，训练速度不变。"
    ),
    # metrics
    "epoch": "轮次",
    "train_loss": "训练损失",
    "test_loss": "测试损失",
    "train_acc": "训练准确率",
    "test_acc": "测试准确率",
    "pace": "实时：每秒 {fps} 帧画面，每秒 {eps} 轮",
    "pace_class": "实时：每秒 {fps} 帧画面，每秒 {eps} 轮 · 本服务器上 {players} 位学习者正在训练，"
                  "{together} 个网络与这个网络一起训练",
    # figures
    "region_title": "网络的预测",
    "network_title": "网络",
    "input_title": "输入层",
    "hidden_title": "隐藏层 {l}<br>{n} 个 {act}",
    "hidden_title_short": "{l}",
    "output_title": "输出层<br>{act}",
    "input_names": ["x1", "x2"],
    "more_units": "还有 {n} 个",
    "loss_chart": "损失",
    "acc_chart": "准确率",
    "grad_chart": "每层的梯度大小 ||∂J/∂W||",
    "dead_chart": "每层死亡的 ReLU 神经元",
    "grad_empty": "所有梯度都是 0 或无穷大：什么也学不到。",
    "no_dead": "只有 ReLU 层才会有死亡神经元；这个网络没有 ReLU 层。",
    # 权重的数值，在网络图下面（views.weights_tables）
    "weights_title": "权重的数值",
    "weights_caption": (
        "进入{layer}（{n} 个神经元，{act}）：每行的输入到每列神经元的权重，最后一行是偏置。"
    ),
    "weights_more": (
        "只显示 {n_rows} 行中的前 {rows} 行、{n_cols} 列中的前 {cols} 列；模型文件里有全部权重。"
    ),
    "weights_unit": "神经元 {j}",
    "weights_bias": "偏置",
    "weights_corner": "从 ↓ 到 →",
    "weights_epoch": "第 {epoch} 轮时的权重。",
    "weights_live": "按下开始时（第 {epoch} 轮）的权重；暂停后可读到最新的值。",
    "layer_name": "第 {l} 层",
    "output_layer": "输出层",
    "train": "训练",
    "test": "测试",
    "training_data": "训练数据",
    "test_data": "测试数据",
    # messages
    "diverged": "训练在第 {epoch} 个轮次发散了：损失暴涨或某个权重变成了无穷大，所以停在了"
                "那之前的权重上。请降低学习率（现在是 {lr:g}；试试 {suggest:g}），按 **重置** "
                "换一组新的权重，再按 **开始**。",
    "hint_vanishing": "梯度消失：第一层的梯度只有最后一层的 {times}，所以前面几层几乎学不"
                      "动。{fix}",
    "hint_no_gradient": "完全没有梯度传到第一层，所以它已经不再学习了。{fix}",
    "fix_sigmoid": "Sigmoid 的斜率最大只有 1/4，每经过一层都会把梯度缩小：试试 ReLU 或 "
                   "Tanh，或者减少层数。",
    "fix_deep": "试试减少层数、用 ReLU，或用 Adam（它按每个权重自己的梯度来调整步长）。",
    "hint_lr": "学习率 {lr:g} 太大了：一个轮次就让某一层的权重改变了自身大小的 {ratio:.0%}，"
               "于是它们越过了最小值，神经元也饱和了。请降低学习率并按 **重置**。",
    "hint_lr_rising": "现在的损失比训练开始时还高。",
    "hint_dead": "ReLU 死亡：{share:.0%} 的 ReLU 神经元对每个训练点都输出 0，再也学不动了。"
                 "试试更小的学习率或 Leaky ReLU。",
    # input features (above the network diagram) and the drawing pad
    "features_pick": "输入特征",
    "features_help": "喂给网络的量，由平面上每个点 (x1, x2) 算出。有了 x1² 和 x2²，"
                     "连没有隐藏层的网络也能分开圆环。",
    "features_none": "至少保留一个输入特征：网络总得读点什么。已保留上一次的选择。",
    "feature_names": {"x1": "x1", "x2": "x2", "x1^2": "x1²", "x2^2": "x2²", "x1*x2": "x1·x2",
                      "sin(x1)": "sin(x1)", "sin(x2)": "sin(x2)"},
    "draw_title": "画出你的数据",
    "draw_help": "点击下面的平面，添加一个所选颜色的点；当点击设为 **删除一个点** 时，"
                 "点击某个点旁边即可删掉它。网络会在你画的点上一直训练（画的每个点都是"
                 "训练数据，不留测试数据）。",
    "draw_mode": "点击时",
    "draw_modes": {"add": "添加一个点", "erase": "删除一个点"},
    "draw_class": "颜色",
    "draw_classes": ["橙色", "蓝色"],
    "draw_count": "{n} 个点；一幅图最多 {max} 个点，全部会随分享链接一起传出。",
    "draw_full": "图已画满（{max} 个点）：先删掉一些再添加。",
    "draw_min": "一幅图至少保留 {n} 个点。",
    "draw_x": "x1",
    "draw_y": "x2",
    "url_notes": "链接中的一些设置已被调整：",
    "url_note": {
        "out_of_range": "{label}：{value:g} 不在 {lo:g} 到 {hi:g} 之间，所以改用 {used:g}。",
        "not_a_number": "{label}：“{raw}”不是数字，所以保持原样。",
        "not_a_choice": "{label}：这里没有“{raw}”，所以保持原样。",
        "not_a_flag": "{label}：“{raw}”既不是 1（开）也不是 0（关），所以保持原样。",
        "hidden_bad": "{label}：“{raw}”应是像 8,8,8 这样的神经元数，所以保持原样。",
        "too_many_layers": "{label}：链接要求 {n} 层；只用前 {kept} 层。",
        "units_out_of_range": "{label}：每层有 1 到 {hi} 个神经元，所以各层为 {used}。",
        "act_count": "{label}：{layers} 个隐藏层却给了 {n} 个名字，所以每层都用第一个。",
        "loss_mismatch": "{label}：“{raw}”不适合这个数据集，所以用它通常的损失函数。",
        "features_bad": "{label}：没有“{raw}”这个输入特征（可选：{known}），所以略去了它。",
        "features_none": "{label}：网络至少需要一个输入特征，所以喂给它 x1、x2。",
        "pts_bad": "{label}：“{raw}”不是一组画出的点，所以这幅图从几个点开始。",
        "pts_odd": "{label}：这些点的末尾多了一个字符；已把它去掉。",
        "pts_range": "{label}：有些点在平面（-6 到 6）之外；已把它们移到边上。",
        "pts_many": "{label}：一个链接最多带 {n} 个点；只用前 {n} 个。",
        "pts_few": "{label}：一幅图至少需要 {n} 个点，所以从几个点开始。",
    },
    "share": "分享",
    "share_help": "这个游乐场的链接，包含它的数据、网络和设置",
    "share_copy": "复制这个链接（右侧的按钮）发给别人，或放到投影上：它会打开同样的数据集、"
                  "网络和随机种子。",
    "share_csv": "链接带不走你上传的文件：它会改用“{dataset}”打开。",
    "lesson_link": "对应的课：{lesson}",
    "region_says": "网络的预测：{shares}。测试准确率 {acc}。",
    "region_share": "{name}占平面的 {share:.0%}",
    "region_says_values": "网络的预测：平面上的值从 {lo} 到 {hi}。",
    "list_sep": "，",
    "class_name": "类别 {k}",
    "axes": "横轴：{x}，纵轴：{y}（已标准化：0 是平均值，1 是一个标准差）",
    "epoch_axis": "轮次",
    "unit_tip": "隐藏层 {l}，神经元 {j}（{act}），偏置 {bias:+.3g}",
    "output_tip": "输出层：{name}（{act}），偏置 {bias:+.3g}",
    "output_unit": "预测值",
    "notice": "值得注意的地方",
    "confusion": "混淆矩阵：哪个类别被当成了哪个",
    "confusion_playing": "暂停后可以看到网络当时的混淆矩阵。",
    "confusion_test": "第 {epoch} 个轮次的测试点",
    "confusion_train": "第 {epoch} 个轮次的训练点（没有留出测试点）",
    "axis_predicted": "预测的类别",
    "axis_true": "真实类别",
    "confusion_hover": "真实 {true}，预测 {predicted}：{count} 个点",
    "downloads": "下载",
    "dl_model": "训练好的模型（JSON）",
    "dl_script": "网络的 Python 代码（只需 NumPy）",
    "dl_script_help": "带回家的一个文件：权重、用 NumPy 写的前向传播和 predict(points)。"
                      "对一个点的 CSV 文件运行：python network.py points.csv",
    "dl_diverged": "权重已经不是数了（训练发散了）：请先点“重置”。",
    "dl_history": "训练记录（CSV）",
    "dl_data": "数据集（CSV）",
    "how_to_read": (
        "- **预测区域。** 每个类别有自己的颜色（两个类别时是橙色和蓝色；用你自己的文件时，"
        "图例会写出类别名）；背景越淡，网络越没有把握。回归数据集的颜色是预测的数值：大于 0 "
        "为蓝色，小于 0 为橙色，等于 0 为白色。带深色边的点是测试数据，网络从不在它们上面"
        "训练。\n"
        "- 网络中的**小方块**是每个神经元对同一平面的“看法”：神经元的输出高于它的中点（Tanh "
        "为 0，Sigmoid 为 1/2）处是蓝色，低于中点处是橙色，等于中点处是白色。Softmax 输出层"
        "的神经元就是它的类别：网络对该类别有把握的地方是该类别的颜色，没把握的地方是白色。"
        "看第一层画出直线，后面的层把直线组合成曲线。\n"
        "- **连线**是权重：蓝色为正，橙色为负，越粗越大。\n"
        "- **梯度图**用对数刻度：远低于其他线的那条线，是一个几乎停止学习的层（梯度消失）。"
        "恰好为 0 的梯度落在底部的灰色带上：这些神经元完全学不动。\n"
        "- **死亡的 ReLU 神经元**，按层统计：绿色柱表示没有，橙色表示有一些，红色表示一半或"
        "更多。死亡神经元对每个训练点都输出 0，所以它自己的权重得不到梯度：在第一个隐藏层里，"
        "它的输入永远不变，它就一直死着；在更深的层里，前面的层改变了它收到的输入时，它可能复活。\n"
        "- 当训练损失一直下降、测试损失却在上升时，网络开始死记训练点了（过拟合）。"
    ),
}
