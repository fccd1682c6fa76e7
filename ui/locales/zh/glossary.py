"""The Chinese edition's terms: one word for one thing on every page, the articles' own
where they have one (001: 二分类交叉熵, 多分类交叉熵; 004: 神经元). Each entry is the term
and the spellings it replaces (regular expressions: a compound that merely contains them,
such as 单元格 "a table cell", is allowed). tests/ui/test_glossary.py fails when a catalogue
of this language writes one of them."""

TERMS = {
    "unit": ("神经元", [r"单元(?!格)"]),
    "binary cross-entropy": ("二分类交叉熵", ["二元交叉熵"]),
    "categorical cross-entropy": ("多分类交叉熵", [r"(?<![二多])分类交叉熵"]),
    "optimizer": ("优化器", ["优化方法", "优化算法"]),
    "Play": ("开始", ["播放"]),
    "update arrow": ("←", [":=(?! …)"]),
    "a derivative, written one way": ("∂J/∂", [r"\bdJ/d", r"\bdL/d"]),
    "cost": ("代价", ["成本函数"]),
    "epoch": ("轮次", ["时期", "迭代轮数"]),
    "data set circles": ("圆环", ["同心圆"]),
    "data set moons": ("两个月牙", ["双月"]),
    "data set three blobs": ("三团点", ["三个团簇"]),
    "data set two Gaussians": ("两团高斯点", ["两个高斯团"]),
    "step to inspect": ("要查看的一步", ["第几步"]),
}
