// 简体中文（默认）。The keys are shared with en.ts, which is typed from this file.
export const zhCN = {
  app: { name: '收卡台', full: '收卡台 CardDesk' },
  common: {
    save: '保存', cancel: '取消', confirm: '确认', back: '上一步', next: '下一步', close: '关闭',
    loading: '正在加载…', done: '完成', yes: '是', no: '否', optional: '选填', refresh: '刷新',
  },
  lang: { label: '语言', zh: '中文', en: 'English', switchTo: 'English' },
  nav: { home: '首页', staff: '员工', journal: '审计日志', settings: '设置' },
  top: {
    clerk: '店员', owner: '店主', lock: '锁屏', logout: '退出登录', sessionOn: '已登录',
    keysOs: '密钥由系统保护', keysFile: '密钥存于本机用户目录（未经系统加密）',
  },
  roles: { clerk: '店员', owner: '店主' },
  wizard: {
    title: '欢迎使用收卡台', subtitle: '首次使用：三步完成开店设置',
    steps: { shop: '店铺信息', owner: '店主账号', passphrase: '恢复口令' },
    shopName: '店铺名称', shopCode: '店铺代码', shopCodeHint: '2–8 位大写字母或数字，设置后不可更改（用于单号和总部同步）',
    address: '地址', phone: '电话', licenceNo: '营业执照号',
    ownerName: '店主姓名', pin: '6 位数字 PIN', pinAgain: '再输入一次 PIN', pinMismatch: '两次输入的 PIN 不一致',
    passphraseIntro: '这是店铺的恢复口令。换电脑、恢复备份或店主忘记 PIN 时需要它。只显示这一次，请抄写在纸上并妥善保管。',
    passphraseCheck: '为确认已抄写，请输入口令的最后一组（4 个字符）', passphraseWritten: '我已抄写恢复口令',
    lastGroupWrong: '最后一组不对，请对照抄写的口令',
    finish: '完成设置并登录', required: '请填写此项',
  },
  login: {
    title: '请选择您的名字并输入 PIN', who: '谁在使用？', enterPin: '输入 PIN', submit: '登录',
    forgot: '店主忘记 PIN？', lockedTitle: '已锁屏', lockedBody: '{{name}}，请输入 PIN 解锁', unlock: '解锁',
    switchUser: '换人登录', noStaff: '还没有员工',
  },
  recover: {
    title: '用恢复口令重设店主 PIN', owner: '店主', passphrase: '恢复口令', newPin: '新 PIN', newPinAgain: '再输入一次新 PIN',
    submit: '重设 PIN', done: 'PIN 已重设，请用新 PIN 登录',
  },
  keys: {
    title: '需要恢复口令', body: '这台电脑（或这个系统用户）还没有店铺的密钥。请输入开店时抄写的恢复口令，加密的资料才能读取。',
    passphrase: '恢复口令', submit: '解锁', done: '密钥已恢复',
  },
  home: {
    welcome: '{{name}}，您好', shop: '店铺', code: '店铺代码', role: '身份',
    keysHint: '按 Ctrl+L 随时锁屏；离开 {{minutes}} 分钟无操作会自动锁屏。',
    lockoutTitle: '同事被锁定？', lockoutBody: '输错 PIN 5 次会锁定 5 分钟。店主可当场输入 PIN 提前解除。',
    lockoutPick: '选择同事', lockoutAction: '请店主解除锁定', lockoutDone: '{{name}} 的锁定已解除',
  },
  staff: {
    title: '员工', add: '添加员工', name: '姓名', role: '身份', phone: '手机', pin: '初始 PIN', state: '状态',
    active: '在职', inactive: '停用', locked: '锁定至 {{time}}', actions: '操作', deactivate: '停用', activate: '启用',
    resetPin: '重设 PIN', newPin: '新 PIN', reveal: '查看号码', makeOwner: '设为店主', makeClerk: '设为店员',
    added: '已添加 {{name}}', pinReset: '{{name}} 的 PIN 已重设', empty: '还没有其他员工 — 点「添加员工」',
    unlock: '解除锁定',
  },
  settings: {
    title: '设置', language: '界面语言', idleLock: '无操作自动锁屏（分钟）', shop: '店铺信息', changePin: '修改我的 PIN',
    currentPin: '当前 PIN', newPin: '新 PIN', saved: '已保存', pinChanged: 'PIN 已修改', keyStore: '密钥保存方式',
  },
  journal: {
    title: '审计日志', verify: '校验日志链', ok: '日志完好：共 {{count}} 条，链头 {{head}}',
    bad: '日志被改动：第 {{seq}} 条校验不通过', seq: '序号', at: '时间', staff: '人员', kind: '事项', ref: '对象', more: '更早的记录',
  },
  approval: {
    title: '需要店主授权', why: '此操作需要店主当场授权：{{action}}', owner: '店主', pin: '店主 PIN', reason: '原因',
    reasonHint: '写明原因（至少 2 个字）', submit: '授权并执行',
    actions: { 'staff.clearLockout': '解除员工的 PIN 锁定' },
  },
  errors: {
    VALIDATION: '填写有误：{{field}}', UNAUTHENTICATED: '请先登录', FORBIDDEN: '没有权限，需要店主操作',
    NOT_FOUND: '找不到该记录', CONFLICT: '已有冲突的记录', SETUP_REQUIRED: '请先完成开店设置',
    KEYS_LOCKED: '需要输入恢复口令才能读取加密资料', WRONG_PASSPHRASE: '恢复口令不正确',
    SESSION_LOCKED: '已锁屏，请输入 PIN', PIN_WRONG: 'PIN 不正确，还可以再试 {{remaining}} 次',
    PIN_LOCKED: '输错次数过多，已锁定至 {{until}}', LAST_OWNER: '店里至少要保留一位在职店主',
    DUPLICATE_CARD: '这张卡已经收过', WATCHLIST_HIT: '此卡或证件在挂失名单上', STALE_QUOTES: '参考报价已过期',
    NO_ELIGIBLE_QUOTE: '没有适用的参考报价', DAY_NOT_OPEN: '今天还没有开业', PRINTER_OFFLINE: '打印机未连接',
    STORAGE_READONLY: '数据库只读，无法保存；已保存的数据没有丢失', STORAGE_FULL: '磁盘已满，无法保存；已保存的数据没有丢失',
    UNAVAILABLE: '后台没有响应，请稍后再试', INTERNAL: '出现内部错误，数据未被改动',
  },
  fields: {
    '(input)': '输入', '(body)': '请求内容', pin: 'PIN', newPin: '新 PIN', currentPin: '当前 PIN', name: '姓名', phone: '手机',
    passphrase: '恢复口令', 'shop.name': '店铺名称', 'shop.code': '店铺代码', 'shop.phone': '电话', 'shop.address': '地址',
    'shop.licenceNo': '营业执照号', 'owner.name': '店主姓名', 'owner.pin': '店主 PIN', staffId: '员工',
    'ownerApproval.pin': '店主 PIN', 'ownerApproval.reason': '原因', 'ownerApproval.ownerId': '店主', idleLockMinutes: '锁屏时间',
    address: '地址', licenceNo: '营业执照号',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
