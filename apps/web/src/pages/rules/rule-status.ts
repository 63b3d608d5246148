export const statusColor = { draft: 'blue', active: 'green', retired: 'default' } as const;
