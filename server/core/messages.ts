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
  MATTER_NOT_REOPENED: {
    'zh-CN': '办理中的事项只有在群众评价不满意、重新办理（返工）后，才能由领导说明诉求无法满足并办结。',
    'en-US': 'A matter in progress can be closed as unmeetable only after an unsatisfied rating has reopened it.',
  },
  REVIEW_NOT_DUE: { 'zh-CN': '该事项的回头看日期（{reviewDueOn}）还没到。', 'en-US': 'This matter is not due for review until {reviewDueOn}.' },
  ESCALATION_PENDING: { 'zh-CN': '该事项已上报，正等待上级单位认领。', 'en-US': 'This matter has been escalated and awaits its claim by the superior unit.' },
  ESCALATION_NO_PARENT: { 'zh-CN': '承办单位没有上级单位，无法上报。', 'en-US': 'The responsible unit has no superior unit to escalate to.' },
  NOT_ESCALATED: { 'zh-CN': '该事项没有待认领的上报。', 'en-US': 'This matter has no escalation awaiting a claim.' },
  EXTENSION_PENDING: { 'zh-CN': '该事项已有一项延期申请在等待审批。', 'en-US': 'An extension request for this matter is already awaiting a decision.' },
  EXTENSION_NOT_PENDING: { 'zh-CN': '该延期申请已经审批过，或已不存在。', 'en-US': 'This extension request has already been decided, or no longer exists.' },
  EXTENSION_NOT_LATER: { 'zh-CN': '申请的办结时限应晚于当前时限（{resolveBy}）。', 'en-US': 'The requested deadline must be later than the current one ({resolveBy}).' },
  MERGE_INTO_SELF: { 'zh-CN': '不能把事项合并到它自己。', 'en-US': 'A matter cannot be merged into itself.' },
  MERGE_INTO_MERGED: { 'zh-CN': '目标事项本身已合并到其他事项，请合并到主事项 {code}。', 'en-US': 'The target has itself been merged; merge into the main matter {code}.' },
  SAME_UNIT: { 'zh-CN': '事项已由该单位承办。', 'en-US': 'The matter is already with this unit.' },
  NOT_A_LEADER: { 'zh-CN': '该账号不是事项所在单位或其上级单位的领导。', 'en-US': 'This account is not a leader over the matter’s unit.' },
  CLASS_CLOSED: { 'zh-CN': '该类问题已整改办结，不能再修改。', 'en-US': 'This class has been fixed and closed; it can no longer change.' },
  NOTHING_TO_REVEAL: { 'zh-CN': '该事项没有登记这一项信息。', 'en-US': 'This matter has no value for this field.' },
  SECRET_KEY_MISSING: { 'zh-CN': '未配置个人信息加密密钥，无法保存群众信息。', 'en-US': 'No personal-data key is configured, so personal data cannot be stored.' },
  // Citizen page (citizen module) and attachments.
  PRIVACY_NOT_ACCEPTED: {
    'zh-CN': '请阅读并勾选同意《个人信息保护说明》后再提交。',
    'en-US': 'Please read and accept the personal-data notice before submitting.',
  },
  CITIZEN_SUBMIT_LIMIT: {
    'zh-CN': '提交过于频繁，同一网络 {minutes} 分钟内最多提交 {max} 次，请稍后再试。',
    'en-US': 'Too many submissions: at most {max} from one network in {minutes} minutes. Please try again later.',
  },
  CITIZEN_LOOKUP_LIMIT: { 'zh-CN': '查询过于频繁，请 {minutes} 分钟后再试。', 'en-US': 'Too many look-ups; please try again in {minutes} minutes.' },
  CITIZEN_LOOKUP_FAILED: {
    'zh-CN': '查询码与查询密码（或手机号后四位）不匹配，请核对后再试。',
    'en-US': 'The matter code and the lookup secret (or the last 4 digits of the phone) do not match; please check them.',
  },
  CITIZEN_PHONE_LOCKED: {
    'zh-CN': '该查询码的手机号后四位验证失败次数过多，请 {minutes} 分钟后再试，或改用查询密码。',
    'en-US': 'Too many wrong phone digits for this code; try again in {minutes} minutes, or use the lookup secret.',
  },
  CITIZEN_ONE_CREDENTIAL: {
    'zh-CN': '请填写查询密码或手机号后四位（二选一）。',
    'en-US': 'Give either the lookup secret or the last 4 digits of the phone (one of them).',
  },
  CITIZEN_RATE_NOT_OPEN: {
    'zh-CN': '该诉求目前不能评价：只有已经答复、尚未评价的诉求才可以评价。',
    'en-US': 'This matter cannot be rated now: only a replied matter that has not been rated yet can be.',
  },
  CITIZEN_ALREADY_RATED: { 'zh-CN': '您已对本次答复作出评价，不能重复评价。', 'en-US': 'You have already rated this reply.' },
  PUBLIC_INTAKE_CLOSED: { 'zh-CN': '网上受理暂未开通，请拨打服务热线反映。', 'en-US': 'Online submissions are not open yet; please call the hotline.' },
  IDEMPOTENCY_KEY_FORMAT: {
    'zh-CN': 'Idempotency-Key 应为 8–100 位字母、数字、下划线或连字符。',
    'en-US': 'An Idempotency-Key is 8–100 letters, digits, underscores or hyphens.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '该 Idempotency-Key 已用于内容不同的另一次提交；重新填写表单时请使用新的 Idempotency-Key。',
    'en-US': 'This Idempotency-Key was already used for a different submission; a new form fill needs a new key.',
  },
  IDEMPOTENCY_IN_PROGRESS: { 'zh-CN': '同一提交正在处理中，请稍候刷新。', 'en-US': 'The same submission is still being processed; please wait a moment.' },
  UPLOAD_BAD_FORM: {
    'zh-CN': '上传内容格式不正确：请以 multipart/form-data 提交，表单字段 {fields}。',
    'en-US': 'Malformed upload: send multipart/form-data with the fields {fields}.',
  },
  PHOTO_TOO_MANY: { 'zh-CN': '最多上传 {max} 张照片。', 'en-US': 'At most {max} photos can be uploaded.' },
  PHOTO_TOO_LARGE: { 'zh-CN': '照片“{name}”超过 {limit}，请压缩后再上传。', 'en-US': 'The photo "{name}" is larger than {limit}; please make it smaller.' },
  PHOTO_TYPE: {
    'zh-CN': '“{name}”不是可识别的照片，只接受 JPEG、PNG、WebP、HEIC 格式的图片。',
    'en-US': '"{name}" is not a recognised photo; only JPEG, PNG, WebP and HEIC images are accepted.',
  },
  PHOTO_EMPTY: { 'zh-CN': '照片“{name}”是空文件。', 'en-US': 'The photo "{name}" is empty.' },
  ATTACHMENT_NO_FILE: { 'zh-CN': '请选择要上传的文件（表单字段 file）。', 'en-US': 'Choose a file to upload (form field "file").' },
  ATTACHMENT_TOO_LARGE: { 'zh-CN': '文件“{name}”超过 {limit}。', 'en-US': 'The file "{name}" is larger than {limit}.' },
  ATTACHMENT_TYPE: {
    'zh-CN': '“{name}”的文件类型不受支持，只接受图片（JPEG、PNG、WebP、HEIC、GIF）、PDF 和 Office/WPS 文档。',
    'en-US': '"{name}" has an unsupported file type; only images (JPEG, PNG, WebP, HEIC, GIF), PDF and Office/WPS documents are accepted.',
  },
  ID_NUMBER_INVALID: { 'zh-CN': '身份证号码不正确，请核对（也可不填）。', 'en-US': 'This ID number is not valid; please check it (or leave it blank).' },
  PHONE_FORMAT: { 'zh-CN': '请填写正确的手机号或电话号码。', 'en-US': 'Enter a valid mobile or telephone number.' },
  PHONE_LAST4: { 'zh-CN': '请填写手机号的后四位数字。', 'en-US': 'Enter the last 4 digits of the phone number.' },
  // Categories, dispatch catalogue, reply templates, settings (server/modules/categories, system/settings.ts).
  CATEGORY_MANAGE_TOP_LEVEL: {
    'zh-CN': '诉求分类对所有单位生效，只有最上级单位的系统管理员可以修改。',
    'en-US': 'Categories apply to every unit; only administrators of the top-level unit may change them.',
  },
  SETTINGS_MANAGE_TOP_LEVEL: {
    'zh-CN': '系统设置对所有单位生效，只有最上级单位的系统管理员可以修改。',
    'en-US': 'Settings apply to every unit; only administrators of the top-level unit may change them.',
  },
  CATEGORY_TOO_DEEP: { 'zh-CN': '诉求分类最多三级，不能在三级分类下再建分类。', 'en-US': 'Categories have at most three levels; a third-level category cannot have children.' },
  CATEGORY_CODE: {
    'zh-CN': '分类编码为 1–64 位小写字母、数字、点、下划线或连字符，以字母或数字开头。',
    'en-US': 'A category code is 1–64 lower-case letters, digits, dots, underscores or hyphens, starting with a letter or digit.',
  },
  CATEGORY_CODE_TAKEN: { 'zh-CN': '分类编码“{code}”已被使用。', 'en-US': 'The category code "{code}" is already in use.' },
  CATEGORY_NAME_TAKEN: { 'zh-CN': '同一上级下已有名为“{name}”的分类。', 'en-US': 'There is already a category named "{name}" under the same parent.' },
  CATEGORY_INACTIVE: { 'zh-CN': '分类“{name}”已停用。', 'en-US': 'The category "{name}" is deactivated.' },
  CATEGORY_IN_USE: {
    'zh-CN': '该分类已有下级分类、事项、派单规则或答复模板，不能删除，请改为停用。',
    'en-US': 'This category has sub-categories, matters, dispatch rules or reply templates and cannot be deleted; deactivate it instead.',
  },
  IMPORT_CATEGORY_CODE_FIXED: {
    'zh-CN': '已有分类“{name}”的编码为 {code}，编码不能修改。',
    'en-US': 'The existing category "{name}" has the code {code}; codes cannot change.',
  },
  IMPORT_CATEGORY_GAP: { 'zh-CN': '填写了{lower}，就必须填写{upper}。', 'en-US': 'When {lower} is filled in, {upper} is required.' },
  DISPATCH_RULE_DUPLICATE: {
    'zh-CN': '本单位已有相同分类和区划的派单规则，请修改那条规则。',
    'en-US': 'Your unit already has a dispatch rule for this category and region; edit that rule instead.',
  },
  DISPATCH_NO_RULE: {
    'zh-CN': '派单目录中没有适用于该事项分类和区划的承办单位，请选择承办单位。',
    'en-US': 'The dispatch catalogue has no responsible unit for this category and region; choose a unit.',
  },
  REGION_PREFIX: { 'zh-CN': '区划代码前缀应为 2、4 或 6 位数字。', 'en-US': 'A region prefix is 2, 4 or 6 digits.' },
  SETTING_VALUE: { 'zh-CN': '设置值无效：{reason}', 'en-US': 'Invalid value: {reason}' },
  // Open311 GeoReport v2 (open311 module): descriptions of its `<errors>` answers.
  OPEN311_API_KEY: { 'zh-CN': 'api_key 缺失或无效，无法提交诉求。', 'en-US': 'Missing or invalid api_key; cannot create the request.' },
  OPEN311_REQUIRED: { 'zh-CN': '缺少必填参数 {field}。', 'en-US': 'The argument {field} is required.' },
  OPEN311_LOCATION: {
    'zh-CN': '请提供位置：lat 和 long（两者都要），或 address_string，或 address_id。',
    'en-US': 'A location is required: lat and long (both), or address_string, or address_id.',
  },
  OPEN311_INVALID: { 'zh-CN': '参数 {field} 的值无效。', 'en-US': 'The value of {field} is not valid.' },
  OPEN311_TOO_LONG: { 'zh-CN': '参数 {field} 不能超过 {max} 个字。', 'en-US': 'The argument {field} is limited to {max} characters.' },
  OPEN311_DATE: {
    'zh-CN': '{field} 应为带时区的 W3C 日期时间，如 2010-01-01T00:00:00Z 或 2010-01-01T08:00:00+08:00。',
    'en-US': '{field} must be a W3C datetime with its time zone, e.g. 2010-01-01T00:00:00Z or 2010-01-01T08:00:00+08:00.',
  },
  OPEN311_DATE_RANGE: {
    'zh-CN': 'end_date 不能早于 start_date，两者相隔不能超过 90 天。',
    'en-US': 'end_date cannot be before start_date, and the range may not span more than 90 days.',
  },
  OPEN311_SERVICE_NOT_FOUND: { 'zh-CN': '没有代码为“{code}”的服务（诉求分类）。', 'en-US': 'No service with the code "{code}".' },
  OPEN311_REQUEST_NOT_FOUND: { 'zh-CN': '没有编号为“{id}”的诉求。', 'en-US': 'No service request "{id}".' },
  OPEN311_TOKEN_NOT_FOUND: { 'zh-CN': '没有该 token 对应的诉求。', 'en-US': 'No service request for this token.' },
  // Not errors: the texts of the Open311 discovery document, kept here with the other wordings.
  OPEN311_CONTACT: {
    'zh-CN': '如需帮助，请联系本平台的系统管理员。',
    'en-US': 'For assistance, contact the administrator of this platform.',
  },
  OPEN311_KEY_SERVICE: {
    'zh-CN': '提交诉求所需的 api_key 由本平台系统管理员签发。',
    'en-US': 'The api_key needed to post requests is issued by the administrator of this platform.',
  },
  // Text module (server/modules/text): a refusal, and wordings shown with suggestions and figures.
  TEXT_IDS_REPEATED: { 'zh-CN': '文本编号（id）不能重复。', 'en-US': 'Text ids must not repeat.' },
  TEXT_NO_MODEL: {
    'zh-CN': '暂无可用的建议模型：至少需要 {matters} 件已办结并填写分类（或承办单位）的事项、涉及不少于 {labels} 个类别，模型每天自动训练一次，管理员也可手动重新训练。',
    'en-US': 'No suggestion model yet: it needs at least {matters} closed matters with a category (or responsible unit) across at least {labels} labels. Models are trained daily, or by an administrator on demand.',
  },
  TEXT_NONE_IN_SCOPE: {
    'zh-CN': '模型建议的选项均不在您可选择的范围内（已停用，或不在您的派单范围）。',
    'en-US': 'None of the model’s suggestions is yours to choose (deactivated, or outside your dispatch scope).',
  },
  TEXT_ACCEPTANCE_DEFINITION: {
    'zh-CN': '建议采纳率：统计期内受理、记录了模型建议且已作出选择的事项中，最终选择（受理时的分类、首次派单的承办单位）与模型第一条建议一致的比例为“首选采纳率”，在前三条建议之内的比例为“前三采纳率”。',
    'en-US': 'Acceptance rate: of the matters taken in during the period whose suggestions were recorded and for which a choice was made (the category at intake, the unit of the first dispatch), the share where the choice was the first suggestion (top-1) or among the first three (top-3).',
  },
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
