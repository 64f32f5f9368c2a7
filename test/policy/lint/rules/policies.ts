// A policy with one finding of each of four rules, at known places (the same the CLI tests lint).
export const POLICY_WITH_FINDINGS = `policy_version: "1.0"
roles:
  - agent
pre_conditions:
  required:
    ticket:
      type: strnig
guards:
  - when: "role == 'agent' and"
    then:
      roles: [agent]
post_conditions:
  required:
    - something_unsupported
risk:
  mode: strict
  threshold: 0.5
  factors:
    - name: f
      weight: 0.5
      condition: weird_cond
`;
