/** Languages the API answers in. */
export type Lang = 'zh-CN' | 'en-US';

/** Picks the answer language from an Accept-Language header; Chinese unless English is preferred. */
export function pickLang(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  const first = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag.startsWith('zh') || x.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q)[0];
  return first?.tag.startsWith('en') ? 'en-US' : 'zh-CN';
}

/** Error codes with their message in each language; `{name}` placeholders are filled from params. */
export const errorMessages = {
  VALIDATION_FAILED: { 'zh-CN': '提交的内容有误，请检查标出的字段。', 'en-US': 'Some fields are invalid; please check them.' },
  MALFORMED_JSON: { 'zh-CN': '请求内容不是有效的 JSON。', 'en-US': 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型：{type}。', 'en-US': 'Unsupported content type: {type}.' },
  BODY_TOO_LARGE: { 'zh-CN': '提交的内容过大（上限 {limit}）。', 'en-US': 'The request is too large (limit {limit}).' },
  NOT_FOUND: { 'zh-CN': '未找到该记录，或您无权查看。', 'en-US': 'Not found, or not visible to you.' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在：{method} {url}。', 'en-US': 'No such endpoint: {method} {url}.' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录。', 'en-US': 'Please log in first.' },
  SESSION_EXPIRED: { 'zh-CN': '登录已过期，请重新登录。', 'en-US': 'Your session has expired; please log in again.' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限。', 'en-US': 'You are not allowed to do this.' },
  CSRF_FAILED: { 'zh-CN': '安全校验失败，请刷新页面后重试。', 'en-US': 'Security check failed; reload the page and try again.' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误。', 'en-US': 'Wrong username or password.' },
  ACCOUNT_LOCKED: {
    'zh-CN': '连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试。',
    'en-US': 'Too many failed logins; the account is locked. Try again in {minutes} minutes.',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '该账号已停用，请联系管理员。', 'en-US': 'This account is disabled; contact the administrator.' },
  PASSWORD_CHANGE_REQUIRED: { 'zh-CN': '首次登录请先修改密码。', 'en-US': 'Please change your password before continuing.' },
  WEAK_PASSWORD: {
    'zh-CN': '密码至少 8 位，并包含大写字母、小写字母、数字、符号中的至少 3 类。',
    'en-US': 'A password needs at least 8 characters from at least 3 of: upper case, lower case, digits, symbols.',
  },
  WRONG_CURRENT_PASSWORD: { 'zh-CN': '当前密码不正确。', 'en-US': 'The current password is wrong.' },
  PASSWORD_REUSED: { 'zh-CN': '新密码不能与当前密码相同。', 'en-US': 'The new password must differ from the current one.' },
  USERNAME_TAKEN: { 'zh-CN': '用户名“{username}”已被使用。', 'en-US': 'The username "{username}" is already taken.' },
  DUPLICATE: { 'zh-CN': '已存在同名记录：{name}。', 'en-US': 'A record with this name already exists: {name}.' },
  TREE_CYCLE: { 'zh-CN': '不能把单位移动到它自己或它的下级单位之下。', 'en-US': 'A unit cannot be moved under itself or one of its descendants.' },
  UNIT_INACTIVE: { 'zh-CN': '单位“{name}”已停用。', 'en-US': 'The unit "{name}" is deactivated.' },
  UNIT_HAS_ACTIVE_CHILDREN: {
    'zh-CN': '该单位还有 {count} 个启用中的下级单位，请先停用或移走它们。',
    'en-US': 'This unit still has {count} active sub-units; deactivate or move them first.',
  },
  ROOT_UNIT: { 'zh-CN': '不能对您管辖范围的根单位执行此操作。', 'en-US': 'This cannot be done to the root unit of your scope.' },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试。', 'en-US': 'Too many requests; please try again later.' },
  IMPORT_FAILED: { 'zh-CN': '导入失败，共 {count} 处错误，未写入任何数据。', 'en-US': 'Import failed with {count} error(s); nothing was written.' },
  IMPORT_BAD_HEADER: {
    'zh-CN': '表头不正确：缺少列 {missing}。应包含：{expected}。',
    'en-US': 'Wrong header: missing column(s) {missing}. Expected: {expected}.',
  },
  IMPORT_BAD_ENCODING: {
    'zh-CN': '无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV，或 Excel 文件（.xlsx）。',
    'en-US': 'Cannot read the file encoding; save it as CSV in UTF-8 or GBK, or as an Excel file (.xlsx).',
  },
  IMPORT_BAD_FILE: { 'zh-CN': '无法读取文件：{reason}。', 'en-US': 'Cannot read the file: {reason}.' },
  IMPORT_EMPTY: { 'zh-CN': '文件中没有数据行。', 'en-US': 'The file has no data rows.' },
  IMPORT_NO_FILE: {
    'zh-CN': '请以 multipart/form-data 方式上传文件（字段名 file）。',
    'en-US': 'Upload the file as multipart/form-data (field name "file").',
  },
  IMPORT_BAD_UPLOAD: {
    'zh-CN': '上传的内容不完整或格式不正确，请重新上传。',
    'en-US': 'The upload is incomplete or malformed; please upload the file again.',
  },
  IMPORT_TOO_MANY_ROWS: {
    'zh-CN': '文件超过 {limit} 行数据，请拆分后分批导入。',
    'en-US': 'The file has more than {limit} data rows; split it and import the parts one by one.',
  },
  IMPORT_REQUIRED: { 'zh-CN': '必填。', 'en-US': 'Required.' },
  IMPORT_TOO_LONG: { 'zh-CN': '不能超过 {max} 个字。', 'en-US': 'At most {max} characters.' },
  IMPORT_BAD_VALUE: { 'zh-CN': '无法识别“{value}”，可填：{allowed}。', 'en-US': 'Cannot read "{value}"; allowed: {allowed}.' },
  IMPORT_BAD_PHONE: { 'zh-CN': '电话号码格式不正确：“{value}”。', 'en-US': 'Not a phone number: "{value}".' },
  IMPORT_BAD_SORT_ORDER: { 'zh-CN': '排序应为 0–100000 的整数。', 'en-US': 'The sort order is a whole number from 0 to 100000.' },
  IMPORT_UNIT_NOT_FOUND: {
    'zh-CN': '找不到单位“{name}”，或它不在您的管辖范围内。',
    'en-US': 'No unit "{name}", or it is outside your scope.',
  },
  IMPORT_UNIT_LATER: {
    'zh-CN': '单位“{name}”在第 {row} 行，应排在本行之前。',
    'en-US': 'The unit "{name}" is on row {row}; it must come before this row.',
  },
  IMPORT_UNIT_AMBIGUOUS: {
    'zh-CN': '有 {count} 个单位名为“{name}”，请写明上级单位，如：{examples}。',
    'en-US': '{count} units are named "{name}"; name the parent too, e.g. {examples}.',
  },
  IMPORT_BATCH_NOT_FOUND: { 'zh-CN': '没有名为“{name}”的批次，现有：{known}。', 'en-US': 'No batch named "{name}"; known: {known}.' },
  IMPORT_DUPLICATE_ROW: { 'zh-CN': '与第 {row} 行重复。', 'en-US': 'Duplicate of row {row}.' },
  IMPORT_PERSON_AMBIGUOUS: {
    'zh-CN': '“{unit}”已有 {count} 名叫“{name}”的人员，无法确定更新哪一位，请在系统中处理。',
    'en-US': '"{unit}" already has {count} people named "{name}"; cannot tell which to update, please edit them in the app.',
  },
  CONFLICT: { 'zh-CN': '记录已被他人修改，请刷新后重试。', 'en-US': 'The record was changed by someone else; reload and try again.' },
  REGION_CODE: { 'zh-CN': '行政区划代码应为 6 位数字。', 'en-US': 'A region code is 6 digits.' },
  USERNAME_FORMAT: { 'zh-CN': '用户名为 3–32 位字母、数字、下划线、点或连字符。', 'en-US': 'A username is 3–32 letters, digits, underscores, dots or hyphens.' },
  DATE_ORDER: { 'zh-CN': '结束日期不能早于开始日期。', 'en-US': 'The end date cannot be before the start date.' },
  REFERENCE_NOT_FOUND: { 'zh-CN': '引用的{what}不存在或不在您的管辖范围内。', 'en-US': 'The referenced {what} does not exist or is outside your scope.' },
  BAD_CURSOR: { 'zh-CN': '分页参数无效，请从第一页重新加载。', 'en-US': 'Invalid page cursor; reload from the first page.' },
  UNIT_HAS_RECORDS: {
    'zh-CN': '该单位已有 {count} 条关联记录（下级单位、人员、账号或督导组），不能删除，请改为停用。',
    'en-US': 'This unit has {count} linked record(s) (sub-units, people, accounts or supervision groups) and cannot be deleted; deactivate it instead.',
  },
  CALENDAR_DATE: {
    'zh-CN': '日期应为 2000—2099 年间实际存在的日期，格式为 YYYY-MM-DD，如 2025-10-01。',
    'en-US': 'A date must be a real day from 2000 to 2099, written YYYY-MM-DD, e.g. 2025-10-01.',
  },
  CALENDAR_YEAR: { 'zh-CN': '年份应为 2000—2099 之间的整数。', 'en-US': 'The year must be a whole number from 2000 to 2099.' },
  CALENDAR_MANAGE_TOP_LEVEL: {
    'zh-CN': '工作日历对所有单位生效，只有最上级单位的系统管理员可以修改。',
    'en-US': 'The working calendar applies to every unit; only administrators of the top-level unit may change it.',
  },
  CALENDAR_NO_OVERRIDE: {
    'zh-CN': '{date} 没有手工设置的放假或上班记录；内置的节假日安排不能删除，如有错误，请设置该日予以更正。',
    'en-US': '{date} has no manually set day off or working day; the built-in arrangements cannot be deleted, but you can set the day to correct them.',
  },
  // Not an error: the warning of GET /api/calendar/status, kept here with the other wordings.
  CALENDAR_NOT_COVERED: {
    'zh-CN': '节假日安排只录入到 {coveredThrough}，未来 {days} 天的办理时限可能不准确。国务院办公厅公布 {nextYear} 年节假日安排后，请在工作日历中录入放假日期和调休上班日期。',
    'en-US': 'Holidays are only known up to {coveredThrough}, so deadlines within the next {days} days may be wrong. Once the State Council publishes the {nextYear} holidays, enter the days off and make-up working days in the working calendar.',
  },
  INVALID_STATE: {
    'zh-CN': '事项当前为“{statusZh}”状态，不能“{actionZh}”。',
    'en-US': 'A matter that is {statusEn} cannot be given the action "{actionEn}".',
  },
  MATTER_CONFLICT: { 'zh-CN': '该事项已被他人处理，请刷新后查看。', 'en-US': 'Someone else has just acted on this matter; reload it.' },
  SECRET_KEY_MISSING: { 'zh-CN': '未配置个人信息加密密钥，无法保存群众信息。', 'en-US': 'No personal-data key is configured, so personal data cannot be stored.' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后再试。', 'en-US': 'Internal server error; please try again later.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof errorMessages;

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => (params[key] === undefined ? `{${key}}` : String(params[key])));
}

/** The message of an error code in a language. */
export function messageFor(code: ErrorCode, lang: Lang, params?: Record<string, unknown>): string {
  return formatMessage(errorMessages[code][lang], params);
}
