"""用户文件的问题（简体中文），键和字段与 core/csvdata.py 的英文消息一一对应。"""

TEXT = {
    "sentence_end": "。",
    "csv": {
        "empty": "文件是空的；第一行应是表头，例如 x1,x2,label",
        "too_large": "文件大于 {mb} MB",
        "not_utf8": "第 {row} 行：文件不是 UTF-8 文本（第 {byte} 字节）；"
                    "请另存为“CSV UTF-8”后重试",
        "not_csv": "第 {row} 行：不是有效的 CSV（{detail}）",
        "header_width": "表头（第 {row} 行）有 {n} 列；应为 3 列：两个数值特征和一个标签",
        "header_width_one": "表头（第 {row} 行）只有 1 列；应为 3 列：两个数值特征和一个标签",
        "header_width_optional": "表头（第 {row} 行）有 {n} 列；"
                                 "应为 2 或 3 列：两个数值特征（和一个标签）",
        "header_width_optional_one": "表头（第 {row} 行）只有 1 列；"
                                     "应为 2 或 3 列：两个数值特征（和一个标签）",
        "header_numbers": "第 {row} 行是数字而不是列名：第一行必须给出列名，例如 x1,x2,label",
        "header_blank": "表头（第 {row} 行）中第 {col} 列没有名字",
        "header_twice": "表头（第 {row} 行）中第 {col} 列和第 {col2} 列都叫“{name}”；"
                        "每一列需要自己的名字",
        "no_data_rows": "文件只有表头（第 {row} 行），没有数据行",
        "one_data_row": "文件只有 1 行数据（第 {row} 行）；数据集至少需要 {min} 行",
        "too_many_rows": "第 {row} 行：文件超过 {max:,} 行数据；请取其中一部分",
        "row_width": "第 {row} 行有 {n} 列；应与表头一样为 {expected} 列",
        "row_width_one": "第 {row} 行只有 1 列；应与表头一样为 {expected} 列",
        "cell_empty": "第 {row} 行，第 {col} 列（“{name}”）：单元格是空的",
        "not_a_number": "第 {row} 行，第 {col} 列（“{name}”）：“{value}”不是数字",
        "not_finite": "第 {row} 行，第 {col} 列（“{name}”）：“{value}”不是有限的数",
        "label_empty": "第 {row} 行，第 {col} 列（“{name}”）：标签是空的",
        "label_long": "第 {row} 行，第 {col} 列（“{name}”）：标签“{value}”……超过 {max} 个字符；"
                      "标签应是数字或简短的类别名",
        "too_many_classes": "第 {row} 行，第 {col} 列（“{name}”）：“{value}”是第 {n} 个类别；"
                            "分类最多允许 {max} 个类别",
        "one_class": "第 {col} 列（“{name}”）只有一个类别（“{value}”）；分类至少需要 2 个类别",
        "not_binary": "第 {col} 列（“{name}”）有 {n} 个类别；二分类正好需要 2 个",
        "regression_text": "第 {row} 行，第 {col} 列（“{name}”）：“{value}”不是数字，"
                           "而回归需要数值标签",
    },
    "csv_hints": {
        "semicolons": "文件似乎用分号分隔；请用逗号分隔后再保存",
        "tabs": "文件似乎用制表符分隔；请用逗号分隔后再保存",
    },
}
