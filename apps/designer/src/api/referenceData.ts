import { useQuery } from '@tanstack/react-query';
import { api } from './apiClient';
import { scenarioApi, scenarioKeys } from './scenarioApi';

interface ConnectionSummary {
  id: string;
  name: string;
  type: string;
}

/** Names of the runtime's connections, optionally of one type (sql, sms, smtp, payment). */
export function useConnectionNames(type?: string): string[] {
  const connections = useQuery({
    queryKey: ['admin', '/connections'],
    queryFn: ({ signal }) => api.get<ConnectionSummary[]>('/connections', signal),
    staleTime: 60_000,
  });
  return (connections.data ?? []).filter((c) => !type || c.type === type).map((c) => c.name);
}

/** Ids of the scenarios on the server, for fields that name another scenario. */
export function useScenarioIds(): string[] {
  const scenarios = useQuery({
    queryKey: scenarioKeys.list(''),
    queryFn: ({ signal }) => scenarioApi.list('', signal),
    staleTime: 60_000,
  });
  return (scenarios.data ?? []).map((s) => s.id);
}
