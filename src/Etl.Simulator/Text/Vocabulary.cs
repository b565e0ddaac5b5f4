namespace Etl.Simulator.Text;

/// <summary>
/// Phrases for synthetic patent titles and abstracts. Any phrase that turns out to contain a KDT keyword
/// is left out automatically (<see cref="TextComposer"/>), so the lists can be written freely.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Task phrases of purely digital inventions, by KDT technology (1-7).</summary>
    public static readonly IReadOnlyDictionary<int, string[]> TechTasks = new Dictionary<int, string[]>
    {
        [1] = ["图像分类", "行人重识别", "语义分割模型训练", "文本情感判别", "对话生成", "推荐排序", "异常行为识别", "医学影像判读", "车道线提取", "手写文字辨识", "视频摘要生成", "知识图谱补全"],
        [2] = ["晶圆键合", "栅极结构制备", "存储单元读写", "封装基板布线", "时钟信号同步", "功率器件散热", "光刻胶涂覆", "刻蚀终点判定", "芯片测试向量生成", "互连层沉积"],
        [3] = ["量子比特读出", "纠缠光子制备", "量子态层析", "单光子探测", "量子随机数提取", "超导谐振腔耦合", "离子阱囚禁", "量子纠错编码"],
        [4] = ["终端组网", "低功耗唤醒", "资产定位追踪", "环境参数采集", "设备接入认证", "边缘节点协同", "标签读写", "远程抄表", "物品状态上报"],
        [5] = ["交易记录存证", "跨链消息传递", "数字身份核验", "账本数据同步", "链上资产登记", "共识节点选举", "隐私交易验证", "电子票据流转"],
        [6] = ["产线数据采集", "设备健康管理", "工艺参数寻优", "生产排程", "远程运维", "质量追溯", "车间能耗监测", "工单派发", "仓储调度"],
        [7] = ["虚拟场景渲染", "三维人体重建", "空间音效生成", "虚拟形象驱动", "头戴显示校准", "全景视频拼接", "手势交互映射", "数字藏品展示"],
    };

    /// <summary>Task phrases of real-economy inventions, by industry group.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RealTasks = new Dictionary<string, string[]>
    {
        ["agri"] = ["水稻播种", "果园喷药", "农机作业调度", "温室灌溉", "饲料配制", "畜禽养殖环境调控", "茶叶揉捻", "粮食烘干", "种子包衣", "秸秆还田"],
        ["food"] = ["乳制品杀菌", "食品包装封口", "面团发酵", "果汁浓缩", "肉制品腌制", "饮料灌装", "调味料复配"],
        ["textile"] = ["纺纱牵伸", "织物印染", "服装裁剪", "无纺布成型", "纤维改性", "皮革鞣制"],
        ["chem"] = ["催化剂制备", "聚合物改性", "涂料配方", "化工反应釜控温", "精细化学品提纯", "农药制剂", "橡胶硫化"],
        ["pharma"] = ["药物制剂", "中药提取", "疫苗纯化", "注射液灌封", "缓释片制备", "抗体表达"],
        ["material"] = ["钢板轧制", "铝合金铸造", "陶瓷烧结", "玻璃熔制", "水泥粉磨", "焊接接头热处理", "粉末冶金压制", "耐火材料成型"],
        ["machine"] = ["齿轮箱装配", "轴承润滑", "数控机床主轴冷却", "液压阀门", "起重机吊装", "泵体密封", "注塑模具冷却", "输送带张紧", "切削刀具磨损补偿"],
        ["vehicle"] = ["汽车底盘", "动力电池包热管理", "车身焊装", "变速器换挡", "轮胎硫化成型", "制动系统", "船舶推进", "轨道车辆转向架"],
        ["energy"] = ["光伏组件清洗", "风电机组偏航", "锅炉燃烧调节", "输电线路巡检", "变压器冷却", "污水处理", "垃圾焚烧", "燃气调压", "储热换热"],
        ["build"] = ["混凝土养护", "钢结构吊装", "隧道掘进", "桥梁顶推", "装配式墙板安装", "基坑支护", "路面摊铺", "幕墙安装"],
        ["transport"] = ["集装箱装卸", "货运车辆调度", "港口堆场规划", "冷链运输温控", "快递分拣", "航空货物配载"],
    };

    /// <summary>Task phrases of inventions that are neither digital nor real-economy.</summary>
    public static readonly string[] OtherTasks =
        ["教学演示", "办公文件归档", "展览布展", "体育训练计分", "乐器调音", "文具收纳", "家居清洁", "票据打印", "会议签到", "图书借阅"];

    /// <summary>Steps of a method, used in abstracts.</summary>
    public static readonly string[] Steps =
    [
        "获取待处理对象的运行参数", "对采集结果进行预处理", "根据预设规则确定目标区域", "计算各部件的工作状态",
        "将处理结果发送至控制单元", "按照设定周期更新参数", "比较实测值与阈值", "生成对应的控制指令", "记录处理过程中的中间结果",
        "对异常情况进行报警", "调整执行机构的动作", "输出最终的处理结果", "建立各部件之间的对应关系", "确定最优的运行方案",
    ];

    /// <summary>Benefits, used in abstracts.</summary>
    public static readonly string[] Benefits =
    [
        "提高了处理效率", "降低了生产成本", "减少了人工干预", "提升了运行的稳定性", "缩短了作业时间", "改善了产品质量",
        "降低了能源消耗", "延长了设备使用寿命", "提高了检测精度", "增强了系统的可靠性",
    ];

    /// <summary>Technical fields, used in abstracts.</summary>
    public static readonly string[] Fields =
    [
        "机械制造", "农业工程", "材料加工", "化学工程", "交通运输", "能源动力", "建筑施工", "生物医药", "电子设备", "通信",
    ];

    /// <summary>Parts of devices, used in abstracts.</summary>
    public static readonly string[] Parts =
    [
        "底座", "支撑架", "驱动电机", "连接杆", "控制箱", "壳体", "传动轴", "固定板", "导轨", "调节阀", "储液罐", "安装座",
    ];

    /// <summary>Industry group of a NACE division.</summary>
    public static string GroupOf(string nace)
    {
        var d = int.Parse(nace, System.Globalization.CultureInfo.InvariantCulture);
        return d switch
        {
            <= 3 => "agri",
            <= 9 => "material",
            <= 12 => "food",
            <= 15 => "textile",
            20 or 22 => "chem",
            21 => "pharma",
            <= 25 => "material",
            <= 28 => "machine",
            <= 30 => "vehicle",
            <= 33 => "machine",
            <= 39 => "energy",
            <= 43 => "build",
            _ => "transport",
        };
    }
}
