// Messages of the cluster page (English is the source of the keys; Chinese must match them).
const en = {
  'nav.cluster': 'Cluster',
  'cluster.subtitle.single': 'A single node: cluster mode is off (no REDIS_URL).',
  'cluster.subtitle.cluster': 'Cluster “{name}”: the nodes that answered within a second.',
  'cluster.refresh': 'Refresh',
  'cluster.col.node': 'Node',
  'cluster.col.role': 'Role',
  'cluster.col.connected': 'Hears the others',
  'cluster.col.host': 'Host',
  'cluster.col.started': 'Started',
  'cluster.col.memory': 'Memory',
  'cluster.col.notices': 'Notices sent / received',
  'cluster.self': 'this node',
  'cluster.leader': 'runs the jobs',
  'cluster.member': 'member',
  'cluster.connected': 'yes',
  'cluster.disconnected': 'no',
  'cluster.memoryMb': '{count} MB',
  'cluster.loadError': 'The cluster’s nodes could not be loaded.',
} as const satisfies Record<string, string>;

const zh: Record<keyof typeof en, string> = {
  'nav.cluster': '集群',
  'cluster.subtitle.single': '单节点：未开启集群模式（未设置 REDIS_URL）。',
  'cluster.subtitle.cluster': '集群“{name}”：一秒内应答的节点。',
  'cluster.refresh': '刷新',
  'cluster.col.node': '节点',
  'cluster.col.role': '角色',
  'cluster.col.connected': '与其他节点互通',
  'cluster.col.host': '主机',
  'cluster.col.started': '启动时间',
  'cluster.col.memory': '内存',
  'cluster.col.notices': '发出 / 收到的通知',
  'cluster.self': '当前节点',
  'cluster.leader': '执行集群任务',
  'cluster.member': '成员',
  'cluster.connected': '是',
  'cluster.disconnected': '否',
  'cluster.memoryMb': '{count} MB',
  'cluster.loadError': '无法加载集群节点。',
};

export const clusterMessages = { en, zh };
