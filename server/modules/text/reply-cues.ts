/**
 * Chinese cue patterns that tell what an official reply (答复) says. They were written by reading
 * replies of a provincial message board and are deliberately plain: a reviewer must be able to
 * see why a reply was judged to lack something. Each pattern runs on the reply's body, after the
 * greeting, the thanks, the quoted title and the closing date are cut away (`replyBody`).
 */

/** Greetings, thanks and set phrases that say nothing about the matter. */
export const boilerplate: readonly RegExp[] = [
  /(?:尊敬的)?(?:网友|市民|群众|同志|先生|女士)?[“"”]?[a-z]{0,3}\d*[“"”]?\s*(?:您好|你好)[!！,，。:：]?/gi,
  /(?:尊敬的)?(?:网友|市民|群众)[:：,，]/g,
  /(?:您|你)(?:的|反映的|所反映的)?(?:留言|来信|网帖|帖子|问题|情况|诉求)?(?:我[局办委司处中]|已|均)?(?:已|都)?(?:收悉|知悉|收到)[!！。，,]?/g,
  /(?:现|下面)?(?:将|就)?(?:有关|相关|调查处理|调查核实|处理|办理)?(?:情况|结果)?(?:答复|回复)如下[:：]?/g,
  /(?:非常|十分)?感谢(?:您|你)[^。！!，,]{0,30}?(?:关心|关注|支持|理解|信任|监督|留言)(?:[与和、及]?(?:关心|关注|支持|理解|信任|监督|帮助))*[。！!]?/g,
  /(?:欢迎|希望)(?:您)?(?:继续|一如既往)[^。！!]{0,24}[。！!]?/g,
  /(?:特此(?:回复|答复|函复)|此复)[。！!]?/g,
  /(?:祝您?|顺祝)[^。！!]{0,10}(?:愉快|顺利|健康|安康)[。！!]?/g,
  /(?:您|你)(?:反映|所反映)的(?:情况|问题)?已(?:转|交)[^。！!]{0,24}(?:核实|办理|处理)[。！!]?/g,
];

/** A date at the very end of a reply: the date it was signed, not a promise of when. */
export const closingDate = /[\s，,。]*(?:[\p{Script=Han}A-Za-z0-9（）()]{0,24}?)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[。.]?\s*$/u;

/** The reply says what was found or done, or what will be done (处理措施或结果). */
export const action =
  /经(?:过)?(?:调查|核实|核查|查|了解|研究|现场|实地|走访|排查|检测|监测)|(?:已|已经|立即|及时|现已|目前已)(?:责令|要求|督促|安排|组织|完成|整改|处理|联系|协调|下达|立案|查处|约谈|派|对|将|把|为|开展|启动|拆除|清理|恢复|修复|维修|更换|发放|补发|退还|纳入|落实|解决|办理|停止|关闭|暂停|封堵|取缔|处罚|罚款|制止|告知|答复|核定|审核|批准)|将(?:于|在|会|进一步|加快|尽快|督促|组织|安排|协调|按照|依法|对|继续|加强|及时|积极)|已(?!收|知悉|转|交|汇报|上报|报)[\p{Script=Han}]|正在|责令|立案|整改|处罚|罚款|拆除|维修|修复|清理|补发|退还|纳入|列入|调整|批复|开工|完工|竣工|验收|启动|实施|不符合|符合|不属于|属于|可以|不能|无法|需要|须|应当|具体(?:流程|办法|要求)/u;

/** A unit that acts: a named body or the replying unit itself, followed by what it does (责任单位). */
export const agent =
  /(?:[\p{Script=Han}A-Za-z0-9]{1,16}(?:局|委员会|委|办公室|办|街道办事处|街道|社区|居委会|村委会|村|政府|镇|乡|公司|中心|大队|支队|中队|分局|派出所|所|站|医院|学校|管委会|指挥部|部门|小组|物业)|我[局办委厅院所站司处]|我单位|我们)[^。；;]{0,12}?(?:已|将|正在|负责|牵头|组织|安排|派|会同|联合|立即|及时|对|要求|责令|督促|协调|研究|调查|核实|开展|启动|作出|处理)|由[^。；;]{1,20}?(?:负责|牵头|承办|办理|处理|实施)/u;

/** When it was or will be done (办理时限). Vague words (尽快、近期) count half, see `vagueTime`. */
export const timeline =
  /\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:底|中旬|上旬|下旬|前|份)|\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:底|前|内|年底)|年底|月底|(?:\d+|[一二三四五六七八九十两半]+)\s*个?(?:工作日|日|天|周|星期|月|小时)(?:内|之内|以内)|预计|计划于|计划在|限期|期限|工作日内|之前完成|前完成|节前|春节前|年内|月内|本月|下月|明年|今年|年初|年中|上半年|下半年|季度|本周|下周/;

/** Time words that promise nothing precise. */
export const vagueTime = /尽快|近期|尽早|抓紧|适时|下一步|后期|今后/;

/**
 * The basis: a law, regulation, policy or standard (政策法规依据), named in 《》, cited by article,
 * or invoked with 根据/依据/按照. A bare 相关规定 is not enough: replies and the messages they
 * restate use it loosely ("违反相关规定").
 */
export const basis =
  /《(?!问政)[^》]{2,40}(?:法|条例|办法|规定|通知|意见|标准|规范|细则|规则|规划|方案|决定|纲要|指南|公告|批复|解释|政策|目录|制度)》|(?:根据|依据|依照|按照|遵照|参照)[^。；;]{0,30}?(?:规定|政策|文件|标准|法律|法规|条例|办法|精神|意见|通知|方案|细则|要求|制度|条款)|第[一二三四五六七八九十百千\d]+条/;

/** Whom to contact: a phone, hotline, office, person or place to go (联系方式). */
export const contact =
  /电话|热线|联系方式|联系人|咨询|来电|12345|\d{3,4}[-－]\d{7,8}|0000|〔电话〕|(?:到|前往|至|携带)[^。；;]{0,20}?(?:办理|咨询|反映|申请|窗口|办事大厅|服务中心)|窗口|服务大厅|办事大厅|联系/;

/** The reply only says it passed the message on (转办), with nothing about the matter. */
export const forwardedOnly = /已(?:转|交|转交|转办|转给|批转)[^。！!]{0,30}(?:核实|办理|处理|调查|答复|单位|部门)/;

/** Words too common in messages to show whether a reply is about that message. */
export const relevanceStopwords: ReadonlySet<string> = new Set(
  (
    '我们 你们 他们 我的 自己 问题 情况 相关 有关 部门 请问 希望 没有 一个 这个 那个 已经 现在 什么 怎么 如何 领导 政府 反映 解决 ' +
    '咨询 投诉 举报 请求 要求 建议 关于 为什么 是否 可以 能否 还是 但是 因为 所以 如果 这样 这些 那些 就是 还有 目前 今年 去年 ' +
    '时间 时候 一直 不是 不能 需要 进行 工作 群众 百姓 老百姓 市民 居民 业主 网友 你好 您好 谢谢 感谢 麻烦 尊敬 书记 市长 县长 ' +
    '以来 之后 以后 之前 以前 其中 以及 而且 并且 或者 一下 一些 很多 非常 严重 多次 一样 出现 存在 发现 知道 认为 表示 导致 造成 ' +
    '处理 办理 给予 得到 这里 那里 哪里 同时 然后 最后 已 了 的 是'
  ).split(' '),
);
